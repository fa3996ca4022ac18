package io.ttv.jobs;

import io.ttv.jobs.cli.TtvCommand;

/** The {@code ttv} command; also the main class {@code spark-submit} runs on a cluster. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = TtvCommand.execute(args);
    System.out.flush();
    System.err.flush();
    // Spark leaves non-daemon threads behind; exit explicitly so the exit code reaches the caller.
    System.exit(code);
  }
}
