package io.ttv.jobs.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingZoneTest {
  @TempDir Path dir;

  private void file(String rel) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "[]");
  }

  @Test
  void listsOnlyTheRunsExportDatesAndDecodesPathSegments() throws Exception {
    file("github/workflow_runs/dt=2026-01-04/repo=a%2Fb/old.json");
    file("github/workflow_runs/dt=2026-01-05/repo=acme%2Fapp/page 1.json");
    file("github/workflow_runs/dt=2026-01-05/repo=acme%2Fapp/_SUCCESS");
    file("github/workflow_runs/dt=2026-01-05/repo=acme%2Fapp/.page.json.crc");
    file("github/workflow_jobs/dt=2026-01-06/repo=acme%2Fapp/run_id=7/attempt=2.json");
    file("github/workflow_runs/dt=not-a-date/x.json");
    file("github/workflow_runs/dt=2026-01-07/repo=c%2Bd%2Fe/p.json");
    LandingZone zone = new LandingZone("file:" + dir, new Configuration());

    List<LandingFile> runs = zone.files("github", "workflow_runs", LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-07"));
    assertThat(runs).extracting(LandingFile::exportDate).containsExactly("2026-01-05", "2026-01-07");
    assertThat(runs.get(0).pathParams()).isEqualTo(Map.of("repo", "acme/app"));
    assertThat(runs.get(0).uri()).endsWith("page 1.json");
    assertThat(runs.get(1).pathParams()).isEqualTo(Map.of("repo", "c+d/e"));

    List<LandingFile> jobs = zone.files("github", "workflow_jobs", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31"));
    // key=value segments are folders; the file name itself is never a parameter
    assertThat(jobs.get(0).pathParams()).isEqualTo(Map.of("repo", "acme/app", "run_id", "7"));
    assertThat(zone.files("gitlab", "jobs", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31"))).isEmpty();
    assertThat(zone.hasSystem("github")).isTrue();
    assertThat(zone.hasSystem("jira")).isFalse();
  }
}
