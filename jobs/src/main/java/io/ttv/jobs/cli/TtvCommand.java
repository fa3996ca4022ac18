package io.ttv.jobs.cli;

import io.ttv.jobs.QualityGateFailed;
import io.ttv.jobs.UserError;
import io.ttv.schemas.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line; exit codes as in contract section 2. */
@Command(
    name = "ttv",
    mixinStandardHelpOptions = true,
    versionProvider = TtvCommand.Version.class,
    description = "ttv: a time-to-value data warehouse for engineering organisations (Spark + Delta Lake).",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      StageCommand.Ingest.class,
      StageCommand.Normalize.class,
      StageCommand.Facts.class,
      PublishCommand.class,
      ReportCommand.class,
      QueryCommand.class,
      GenerateCommand.class,
      ValidateConfigCommand.class,
      DocsCommand.class,
      BenchCommand.class,
      TrinoCatalogCommand.class,
      ExplainFrictionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TtvCommand implements Runnable {
  public static final int OK = 0;
  public static final int UNEXPECTED = 1;
  public static final int USAGE = 2;
  public static final int QUALITY_GATE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new TtvCommand());
    cl.setExecutionExceptionHandler(TtvCommand::handle);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("ttv: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    return cl.execute(args);
  }

  private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (ex instanceof ConfigException ce) {
      err.println("ttv: the config has " + ce.problems().size() + " problem(s):");
      ce.problems().forEach(p -> err.println("  " + p));
      return USAGE;
    }
    if (ex instanceof UserError) {
      err.println("ttv: " + ex.getMessage());
      return USAGE;
    }
    if (ex instanceof io.ttv.jobs.pipeline.WarehouseLease.Held) {
      err.println("ttv: " + ex.getMessage());
      return UNEXPECTED;
    }
    if (ex instanceof io.ttv.jobs.publish.PublishFailed) {
      err.println("ttv: " + ex.getMessage());
      return UNEXPECTED;
    }
    if (ex instanceof QualityGateFailed) {
      err.println("ttv: " + ex.getMessage());
      return QUALITY_GATE;
    }
    err.println("ttv: unexpected error: " + ex);
    ex.printStackTrace(err);
    return UNEXPECTED;
  }

  /** The version from the jar's manifest (or "dev"). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = TtvCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ttv " + (v == null ? "dev" : v)};
    }
  }
}
