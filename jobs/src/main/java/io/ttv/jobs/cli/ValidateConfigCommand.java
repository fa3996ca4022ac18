package io.ttv.jobs.cli;

import io.ttv.schemas.config.TtvConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "validate-config",
    mixinStandardHelpOptions = true,
    description = "Checks a config and prints every problem with its JSON path (exit 2 when there is one).")
public final class ValidateConfigCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The ttv config (JSON).")
  Path file;

  @Override
  public Integer call() {
    TtvConfig cfg = Configs.load(file);
    System.out.println(
        "config OK: " + file + " (warehouse " + cfg.warehouseUri() + ", landing " + cfg.landingUri() + ", "
            + cfg.teams().size() + " teams, " + cfg.people().size() + " people, " + cfg.services().size() + " services)");
    return 0;
  }
}
