package io.ttv.transforms.ci;

import static io.ttv.schemas.tables.CiRunsTable.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.url_decode;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.raw.JenkinsJson;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Statuses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code raw_jenkins_builds} -> {@code ci_runs} rows (Jenkins JSON API build bodies). */
public final class JenkinsBuilds {
  private JenkinsBuilds() {}

  public static final String SYSTEM = "jenkins";

  /** Jenkins build results (hudson.model.Result). NOT_BUILT is not a run (contract 6.1). */
  public static final Map<String, String> RESULTS = new LinkedHashMap<>();

  static {
    RESULTS.put("success", "success");
    RESULTS.put("failure", "failure");
    RESULTS.put("unstable", "failure");
    RESULTS.put("aborted", "cancelled");
    RESULTS.put("not_built", "not_built");
  }

  /** Cause classes (simple names) of a build that repeats an earlier one. */
  static final String RERUN_CAUSES = "ReplayCause|RebuildCause|RestartDeclarativePipelineCause";

  /**
   * The job's full name from a Jenkins URL or href: its {@code /job/<segment>} parts joined with
   * {@code /}, URL-decoded ({@code /view/all/job/a/job/b/12/} -> {@code a/b}); null when none.
   */
  static Column jobFromUrl(Column url) {
    Column path = regexp_extract(url, "((?:/job/[^/]+)+)", 1);
    return Cols.emptyToNull(url_decode(regexp_replace(regexp_replace(path, "^/job/", ""), "/job/", "/")));
  }

  /** The build number right after the last {@code /job/<segment>} of a URL; null when none. */
  static Column buildFromUrl(Column url) {
    return Cols.emptyToNull(regexp_extract(url, "(?:/job/[^/]+)+/([0-9]+)(?:/|$)", 1));
  }

  /** owner/name of a git remote ({@code git@host:o/n.git}, {@code https://host/o/n.git}); null when not one. */
  static Column repoOfRemote(Column remote) {
    return Cols.emptyToNull(regexp_extract(remote, "[:/]([^/:]+/[^/:]+?)(?:\\.git)?/?$", 1));
  }

  /**
   * Every raw record as a ci_runs row plus {@code _problem}/{@code _record}/{@code _note}.
   *
   * <p>The job: the exporter's {@code job=} folder, else the build's {@code url}, else its
   * {@code fullDisplayName} with {@code " » "} as {@code /} (display names can differ from the URL's
   * job names: fixture multibranch shows {@code my-org} for the folder {@code github_org}). Quirks:
   * {@code timestamp} is epoch millis of when the build was scheduled and {@code duration} includes the
   * queue (contract 6.1); {@code actions} is a mixed list with many {@code {}} (fixture multibranch);
   * {@code building} is missing on some rows (freestyle fixture); a row with {@code building:true} is
   * unfinished whatever its {@code result} says (edited upstream rows have both).
   */
  public static Dataset<Row> normalize(Dataset<Row> raw) {
    Dataset<Row> parsed =
        NormalizedRows.parsed(raw, NormalizedRows.json(JenkinsJson.BUILD, "j"));

    Column number = col("j.number");
    Column displayJob =
        Cols.emptyToNull(
            regexp_replace(regexp_replace(col("j.fullDisplayName"), " #[0-9]+$", ""), " » ", "/"));
    Column job = coalesce(Cols.pathParam(col("_params"), "job"), jobFromUrl(col("j.url")), displayJob);
    Column runId = concat(job, lit("#"), number.cast("string"));
    Column actions = coalesce(col("j.actions"), org.apache.spark.sql.functions.array());
    Column buildData = try_element_at(filter(actions, a -> a.getField("lastBuiltRevision").isNotNull()), lit(1));
    Column remote = try_element_at(flatten(transform(filter(actions, a -> a.getField("remoteUrls").isNotNull()), a -> a.getField("remoteUrls"))), lit(1));
    Column causes = flatten(transform(filter(actions, a -> a.getField("causes").isNotNull()), a -> a.getField("causes")));
    Column firstCause = try_element_at(causes, lit(1));
    Column branch =
        Cols.emptyToNull(
            regexp_replace(
                try_element_at(buildData.getField("lastBuiltRevision").getField("branch"), lit(1)).getField("name"),
                "^(refs/remotes/)?origin/",
                ""));
    Column lastSegment = regexp_extract(job, "([^/]+)$", 1);
    Column workflow = when(branch.isNotNull().and(lastSegment.equalTo(branch)).and(job.contains("/")),
            regexp_replace(job, "/[^/]+$", ""))
        .otherwise(job);
    Column building = coalesce(col("j.building"), lit(false));
    Column result = when(building, lit(null).cast("string")).otherwise(col("j.result"));
    Column status = when(building, lit("BUILDING")).otherwise(upper(col("j.result")));
    Column timestamp = col("j.timestamp");
    Column started = when(timestamp.gt(0), timestamp_millis(timestamp));
    Column finished = when(result.isNotNull().and(col("j.duration").geq(0)), timestamp_millis(timestamp.plus(col("j.duration"))));
    Column isRerun =
        exists(causes, c -> coalesce(c.getField("_class").rlike("(" + RERUN_CAUSES + ")$"), lit(false)));
    Column isPr =
        coalesce(branch.rlike("^PR-[0-9]+$"), lit(false))
            .or(exists(causes, c -> coalesce(c.getField("shortDescription").rlike("^Pull request #"), lit(false))));
    Column what = concat(lit("build "), coalesce(runId, number.cast("string"), lit("?")));

    Column problem =
        coalesce(
            when(number.isNull(), lit("build has no numeric 'number'")),
            when(job.isNull(), concat(what, lit(" names no job (no job= folder, url or fullDisplayName)"))),
            when(timestamp.isNull(), concat(what, lit(" has no 'timestamp'"))),
            when(timestamp.leq(0), concat(what, lit(" has timestamp "), timestamp.cast("string"), lit(" (epoch 0 or before): no start time"))));

    return parsed.select(
        lit(SYSTEM).as(SOURCE_SYSTEM),
        runId.as(RUN_ID),
        lit(1).as(RUN_ATTEMPT),
        coalesce(repoOfRemote(remote), job).as(REPO),
        workflow.as(WORKFLOW),
        lit(null).cast("string").as(WORKFLOW_PATH),
        number.as(RUN_NUMBER),
        regexp_extract(firstCause.getField("_class"), "([A-Za-z0-9_]+)$", 1).as(EVENT),
        branch.as(BRANCH),
        buildData.getField("lastBuiltRevision").getField("SHA1").as(HEAD_SHA),
        firstCause.getField("userId").as(ACTOR),
        firstCause.getField("userId").as(TRIGGERING_ACTOR),
        isPr.as(IS_PULL_REQUEST),
        started.as(CREATED_AT),
        started.as(STARTED_AT),
        finished.as(FINISHED_AT),
        coalesce(finished, started).as(UPDATED_AT),
        status.as(STATUS),
        Statuses.conclusion(result, RESULTS).as(CONCLUSION),
        when(finished.isNotNull(), col("j.duration").divide(1000.0)).as(DURATION_SECONDS),
        lit(null).cast("double").as(QUEUE_SECONDS),
        isRerun.as(IS_RERUN),
        lit(true).as(HAS_TIMING),
        col(LineageColumns.EXPORT_DATE),
        col(LineageColumns.SOURCE_FILE),
        col(LineageColumns.SOURCE_POSITION),
        problem.as(NormalizedRows.PROBLEM),
        col(NormalizedRows.RECORD),
        Statuses.noteIfUnknown("build result", result, RESULTS).as(NormalizedRows.NOTE));
  }
}
