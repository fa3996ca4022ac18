package io.ttv.jobs.cli;

import io.ttv.jobs.UserError;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Commands of the contract that this version does not have yet: they say so clearly (exit 2). */
abstract class NotYetCommand implements Callable<Integer> {
  @picocli.CommandLine.Unmatched List<String> ignored;

  abstract String name();

  @Override
  public Integer call() {
    throw new UserError("'ttv " + name() + "' is not available in this version of ttv yet (see docs/roadmap.md)");
  }

  @Command(name = "report", mixinStandardHelpOptions = true, description = "The leaders' report (not available yet).")
  static final class Report extends NotYetCommand {
    String name() {
      return "report";
    }
  }
}
