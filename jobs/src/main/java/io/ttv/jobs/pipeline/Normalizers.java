package io.ttv.jobs.pipeline;

import io.ttv.schemas.TableDef;
import io.ttv.schemas.raw.SourceDataset;
import io.ttv.schemas.raw.SourceDatasets;
import io.ttv.schemas.tables.CiJobsTable;
import io.ttv.schemas.tables.CiRunsTable;
import io.ttv.transforms.ci.GithubActionsJobs;
import io.ttv.transforms.ci.GithubActionsRuns;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Which transform turns which raw dataset into which normalised table. */
public final class Normalizers {
  private Normalizers() {}

  /**
   * @param identityColumns columns of the normalised rows that hold identities of {@code dataset.system()}
   *     (logins, emails), counted as matched, unmatched or bots in the run summary and ttv_runs
   */
  public record Normalizer(
      SourceDataset dataset, UnaryOperator<Dataset<Row>> transform, TableDef table, List<String> identityColumns) {}

  public static final List<Normalizer> ALL =
      List.of(
          new Normalizer(
              SourceDatasets.GITHUB_WORKFLOW_RUNS,
              GithubActionsRuns::normalize,
              CiRunsTable.TABLE,
              List.of(CiRunsTable.ACTOR, CiRunsTable.TRIGGERING_ACTOR)),
          new Normalizer(SourceDatasets.GITHUB_WORKFLOW_JOBS, GithubActionsJobs::normalize, CiJobsTable.TABLE, List.of()));

  public static Normalizer of(SourceDataset d) {
    return ALL.stream()
        .filter(n -> n.dataset().equals(d))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no normaliser for " + d.id()));
  }
}
