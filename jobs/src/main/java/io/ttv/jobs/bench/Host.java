package io.ttv.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The machine and the versions a benchmark ran on, and how busy the machine was: figures from a loaded
 * machine are not comparable, so the load average and the other JVMs running are written next to them.
 */
record Host(
    String date,
    int cores,
    long memoryBytes,
    String cpu,
    String os,
    String java,
    String spark,
    String delta,
    String ttv,
    String master,
    String loadAtStart,
    long otherJvmsAtStart) {

  static Host of(SparkSession spark, String loadAtStart, long otherJvmsAtStart) {
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    String ttv = Host.class.getPackage().getImplementationVersion();
    return new Host(
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)),
        Runtime.getRuntime().availableProcessors(),
        memory,
        cpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + aotCache(),
        spark.version(),
        deltaVersion(),
        ttv == null ? "dev" : ttv,
        spark.sparkContext().master(),
        loadAtStart,
        otherJvmsAtStart);
  }

  /** ", ahead-of-time cache" when the JVM started with one ({@code ./ttv} on Java 25), else nothing. */
  static String aotCache() {
    boolean cache = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-XX:AOTCache="));
    return cache ? ", ahead-of-time cache" : "";
  }

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or the JVM's 1-minute figure. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
    }
  }

  /** Other Java processes on the machine (a test suite, another ttv): they share the cores. */
  static long otherJvms() {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(p -> p.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false))
        .count();
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the architecture is all we know
    }
    return System.getProperty("os.arch");
  }

  /** {@code io.delta.VERSION} (a Scala package object: "package" cannot be named from Java). */
  private static String deltaVersion() {
    try {
      return String.valueOf(Class.forName("io.delta.package").getMethod("VERSION").invoke(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Markdown bullets for the benchmarks file. */
  List<String> describe() {
    return List.of(
        "- date: " + date,
        "- machine: " + cores + " cores (" + cpu + "), "
            + (memoryBytes < 0 ? "memory unknown" : String.format(Locale.ROOT, "%.1f GB memory", memoryBytes / 1e9)) + ", " + os,
        "- versions: ttv " + ttv + ", Spark " + spark + " (master " + master + "), Delta Lake " + delta + ", " + java,
        "- JVM: max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; load average at start " + loadAtStart
            + "; other JVMs running at start: " + otherJvmsAtStart);
  }
}
