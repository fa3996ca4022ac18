package io.ttv.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.jobs.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer per warehouse (contract section 7): a lease file {@code <warehouse>/_ttv_lease/lease.json}
 * created with an exclusive create (fails when the file exists), renewed every {@link #RENEW_EVERY}
 * while the run lives, and taken over when it has not been renewed for {@link #EXPIRES_AFTER}, or at
 * once when its holder ran on this host and its process is gone (a SIGKILLed run).
 *
 * <p>Exclusive create is atomic on local file systems and HDFS. On object stores it relies on the
 * store's conditional write (S3 {@code If-None-Match} through S3A's conditional create, GCS
 * {@code ifGenerationMatch=0}, ADLS Gen2 {@code If-None-Match: *}), never on a rename; see
 * docs/operations.md. A taker re-reads the lease after writing it and gives up when another run's id
 * is there, so two takers of one expired lease cannot both proceed.
 */
public final class WarehouseLease implements AutoCloseable {
  public static final Duration RENEW_EVERY = Duration.ofSeconds(10);
  public static final Duration EXPIRES_AFTER = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Another run holds the warehouse: exit 1 with one line naming it. */
  public static final class Held extends RuntimeException {
    public Held(String message) {
      super(message);
    }
  }

  /** What a lease file says about its holder. */
  public record Holder(String runId, String command, String host, long pid, Instant startedAt, Instant renewedAt) {
    String describe() {
      return "run " + runId + " (" + command + ") on host " + host + ", pid " + pid + ", started " + startedAt
          + ", last renewed " + renewedAt;
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final Holder me;
  private final Thread renewer;
  /** Counted down by {@link #close()}: the renewer's sleep ends at once, never in the middle of a write. */
  private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

  private WarehouseLease(FileSystem fs, Path file, Holder me) {
    this.fs = fs;
    this.file = file;
    this.me = me;
    this.renewer = new Thread(this::renewLoop, "ttv-lease-renewer");
    this.renewer.setDaemon(true);
  }

  /**
   * Takes the lease of {@code warehouse} or throws {@link Held}; with {@code wait}, polls until the
   * holder releases it or its lease expires.
   */
  public static WarehouseLease acquire(String warehouse, Configuration conf, String runId, String command, boolean wait) {
    Path file = new Path(warehouse + "/_ttv_lease/lease.json");
    try {
      FileSystem fs = FileSystem.get(URI.create(warehouse + "/"), conf);
      Instant now = Instant.now();
      Holder me = new Holder(runId, command, Pipeline.hostName(), ProcessHandle.current().pid(), now, now);
      boolean announced = false;
      while (true) {
        Optional<Holder> current = read(fs, file);
        if (current.isPresent() && isStale(current.get())) {
          Progress.info("taking over the warehouse lease of " + current.get().describe() + " (" + staleReason(current.get()) + ")");
          fs.delete(file, false);
        } else if (current.isPresent()) {
          if (!wait) {
            throw new Held("the warehouse " + warehouse + " is held by " + current.get().describe()
                + "; wait for it, or pass --wait");
          }
          if (!announced) {
            Progress.info("waiting for the warehouse, held by " + current.get().describe());
            announced = true;
          }
          sleep(Duration.ofSeconds(2));
          continue;
        }
        if (tryCreate(fs, file, me)) {
          sleep(Duration.ofMillis(200));
          Optional<Holder> check = read(fs, file);
          if (check.isPresent() && check.get().runId().equals(runId)) {
            WarehouseLease lease = new WarehouseLease(fs, file, me);
            lease.renewer.start();
            return lease;
          }
        }
        // lost a race with another taker: look again
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the warehouse lease " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isStale(Holder h) {
    return staleReason(h) != null;
  }

  private static String staleReason(Holder h) {
    if (Duration.between(h.renewedAt(), Instant.now()).compareTo(EXPIRES_AFTER) > 0) {
      return "not renewed for more than " + EXPIRES_AFTER.toSeconds() + " s";
    }
    if (h.host().equals(Pipeline.hostName())
        && h.pid() != ProcessHandle.current().pid()
        && ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true)) {
      return "its process is gone";
    }
    return null;
  }

  private static boolean tryCreate(FileSystem fs, Path file, Holder me) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(json(me));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false; // some file systems report the existing file as a plain IOException
      }
      throw e;
    }
  }

  static Optional<Holder> read(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(file)) {
      JsonNode n = JSON.readTree(in);
      return Optional.of(
          new Holder(
              n.path("run_id").asText(),
              n.path("command").asText(),
              n.path("host").asText(),
              n.path("pid").asLong(),
              Instant.parse(n.path("started_at").asText()),
              Instant.parse(n.path("renewed_at").asText())));
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException | IOException e) {
      // A lease being rewritten can be read half-written: treat it as held, renewed when the file was last
      // written. A file left half-written (a writer killed mid-write) thus expires like any other lease
      // instead of holding the warehouse forever.
      Instant written = Instant.now();
      try {
        written = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
      } catch (IOException gone) {
        // deleted meanwhile: the next look finds no lease
      }
      return Optional.of(new Holder("?", "?", "?", -1, written, written));
    }
  }

  private static byte[] json(Holder h) {
    ObjectNode n = JSON.createObjectNode();
    n.put("run_id", h.runId());
    n.put("command", h.command());
    n.put("host", h.host());
    n.put("pid", h.pid());
    n.put("started_at", h.startedAt().toString());
    n.put("renewed_at", h.renewedAt().toString());
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void renewLoop() {
    while (!awaitRelease(RENEW_EVERY)) {
      try {
        Optional<Holder> current = read(fs, file);
        if (current.isPresent() && !current.get().runId().equals(me.runId()) && !current.get().runId().equals("?")) {
          Progress.info("the warehouse lease was taken over by " + current.get().describe() + "; this run no longer holds it");
          return;
        }
        try (OutputStream out = fs.create(file, true)) {
          out.write(json(new Holder(me.runId(), me.command(), me.host(), me.pid(), me.startedAt(), Instant.now())));
        }
      } catch (IOException | RuntimeException e) {
        Progress.info("could not renew the warehouse lease: " + e.getMessage());
      }
    }
  }

  private boolean awaitRelease(Duration d) {
    try {
      return released.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /**
   * Stops the renewer, waiting for a renewal in progress to finish (interrupting it could leave the file
   * half-written, so that this run would not recognise and delete its own lease), then deletes the lease.
   */
  @Override
  public void close() {
    released.countDown();
    try {
      renewer.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Optional<Holder> current = read(fs, file);
      if (current.isPresent() && current.get().runId().equals(me.runId())) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      Progress.info("could not release the warehouse lease " + file + ": " + e.getMessage());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
