package io.ttv.jobs.pipeline;

/**
 * Named points between a run's writes. With {@code TTV_PAUSE_AT=<name>} in the environment a run
 * announces the point on stderr and stops there until it is killed: the crash-safety tests use it to
 * SIGKILL a run at a known place. Without the variable it does nothing.
 */
public final class Checkpoints {
  private Checkpoints() {}

  private static final String PAUSE_AT = System.getenv("TTV_PAUSE_AT");

  public static void reached(String name) {
    if (PAUSE_AT != null && PAUSE_AT.equals(name)) {
      System.err.println("ttv: checkpoint " + name + " reached, pausing (TTV_PAUSE_AT)");
      System.err.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
