package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse lease without Spark: released leases are gone, {@code --wait} waits for the holder, and a
 * lease file nobody can read (its writer died mid-write) holds the warehouse only until it expires, like any
 * other lease. Killed holders and their takeover are CrashSafetyTest's.
 */
class WarehouseLeaseTest {
  @TempDir Path dir;

  private String warehouse() {
    return dir.toUri().toString().replaceAll("/$", "");
  }

  private Path leaseFile() {
    return dir.resolve("_ttv_lease").resolve("lease.json");
  }

  @Test
  void aClosedLeaseIsGoneAndTheNextRunTakesTheWarehouse() throws Exception {
    try (WarehouseLease lease = WarehouseLease.acquire(warehouse(), new Configuration(), "run-1", "run", false)) {
      assertThat(Files.readString(leaseFile())).contains("\"run_id\":\"run-1\"");
      assertThatThrownBy(() -> WarehouseLease.acquire(warehouse(), new Configuration(), "run-2", "run", false))
          .isInstanceOf(WarehouseLease.Held.class)
          .hasMessageContaining("run-1");
    }
    assertThat(leaseFile()).doesNotExist();
    WarehouseLease.acquire(warehouse(), new Configuration(), "run-2", "run", false).close();
  }

  @Test
  void aHalfWrittenLeaseHoldsTheWarehouseUntilItExpires() throws Exception {
    Files.createDirectories(leaseFile().getParent());
    Files.writeString(leaseFile(), "{\"run_id\":\"dead\",\"comm");
    // written just now: it may be a renewal in progress, so the warehouse is held
    assertThatThrownBy(() -> WarehouseLease.acquire(warehouse(), new Configuration(), "run-3", "run", false))
        .isInstanceOf(WarehouseLease.Held.class);
    // last written longer ago than a lease lives: taken over
    Files.setLastModifiedTime(leaseFile(), FileTime.from(Instant.now().minus(WarehouseLease.EXPIRES_AFTER).minusSeconds(5)));
    try (WarehouseLease lease = WarehouseLease.acquire(warehouse(), new Configuration(), "run-3", "run", false)) {
      assertThat(Files.readString(leaseFile())).contains("\"run_id\":\"run-3\"");
    }
  }

  @Test
  void waitingTakesTheLeaseWhenTheHolderReleasesIt() throws Exception {
    WarehouseLease other = WarehouseLease.acquire(warehouse(), new Configuration(), "other-run", "run", false);
    Thread release =
        new Thread(
            () -> {
              try {
                Thread.sleep(3000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              other.close();
            });
    release.start();
    long t0 = System.nanoTime();
    try (WarehouseLease lease = WarehouseLease.acquire(warehouse(), new Configuration(), "waiting-run", "run", true)) {
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(java.time.Duration.ofSeconds(2));
      assertThat(Files.readString(leaseFile())).contains("\"run_id\":\"waiting-run\"");
    }
    release.join();
  }
}
