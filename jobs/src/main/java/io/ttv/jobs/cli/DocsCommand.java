package io.ttv.jobs.cli;

import io.ttv.jobs.DataDictionary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "docs", mixinStandardHelpOptions = true, description = "Prints the data dictionary (markdown) generated from the schemas.")
public final class DocsCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "FILE", description = "Write it to FILE instead of stdout.")
  Path out;

  @Override
  public Integer call() throws IOException {
    String md = DataDictionary.markdown();
    if (out == null) {
      System.out.print(md);
    } else {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.writeString(out, md, StandardCharsets.UTF_8);
      System.err.println("ttv: wrote " + out);
    }
    return 0;
  }
}
