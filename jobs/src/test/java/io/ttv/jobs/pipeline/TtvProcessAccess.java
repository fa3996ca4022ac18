package io.ttv.jobs.pipeline;

import java.time.Duration;
import java.util.Map;

/** {@link TtvProcess} for tests of other packages (the publish kill test). */
public final class TtvProcessAccess {
  private TtvProcessAccess() {}

  public static Handle start(Map<String, String> env, String... args) {
    return new Handle(TtvProcess.start(env, args));
  }

  public static final class Handle {
    private final TtvProcess p;

    private Handle(TtvProcess p) {
      this.p = p;
    }

    public void awaitLine(String text, Duration timeout) {
      p.awaitLine(text, timeout);
    }

    public void kill() throws InterruptedException {
      p.kill();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
      return p.waitFor(timeout);
    }

    public String log() {
      return p.log();
    }
  }
}
