package io.ttv.jobs.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A real {@code ttv} process (the test's class path, the JVM flags of ./ttv), for kill and lease tests. */
final class TtvProcess {
  private final Process process;
  private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

  private TtvProcess(Process process) {
    this.process = process;
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  stderr.add(line);
                }
              } catch (IOException e) {
                // the process is gone
              }
            });
    t.setDaemon(true);
    t.start();
  }

  static TtvProcess start(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try {
      cmd.addAll(List.of(Files.readString(Path.of("target", "jvm-flags.txt")).trim().split("\\s+")));
    } catch (IOException e) {
      throw new UncheckedIOException("target/jvm-flags.txt is written by process-resources", e);
    }
    cmd.add("-Xmx1g");
    cmd.add("-XX:TieredStopAtLevel=1");
    // C1-only JVMs get the small 48 MB code cache of a non-tiered VM; Spark fills it and then fails
    // with "Out of space in CodeCache for method handle intrinsic".
    cmd.add("-XX:ReservedCodeCacheSize=256m");
    cmd.add("-Dspark.sql.shuffle.partitions=2");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.ttv.jobs.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    try {
      return new TtvProcess(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a line of stderr contains {@code text}; fails with the log when the process ends first. */
  void awaitLine(String text, Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      synchronized (stderr) {
        if (stderr.stream().anyMatch(l -> l.contains(text))) {
          return;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("ttv ended (exit " + process.exitValue() + ") before '" + text + "':\n" + log());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + log());
  }

  /** SIGKILL, as the OOM killer or a lost node would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("ttv did not end within " + timeout + ":\n" + log());
    }
    Thread.sleep(200);
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  String log() {
    synchronized (stderr) {
      return String.join("\n", stderr);
    }
  }
}
