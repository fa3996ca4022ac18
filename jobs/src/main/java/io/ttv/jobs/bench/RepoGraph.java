package io.ttv.jobs.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha1;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.tables.CommitsTable;
import io.ttv.schemas.tables.DeploymentsTable;
import io.ttv.schemas.tables.LineageColumns;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A synthetic repository's commit graph, built by Spark from commit numbers (no files): blocks of
 * {@value #BLOCK} commits, one every ten minutes, each block
 *
 * <pre>
 *   0 -> 1 -> 2            a short feature branch off the previous block's tip
 *   3 = merge(tip, 2)      its merge commit on the mainline (two parents)
 *   4 -> 5                 a pull request's branch off 3, squash-merged: never an ancestor of the mainline
 *   6 = squash (parent 3)  the squash commit on the mainline
 *   7 (parent 6)           a direct commit: the block's tip
 * </pre>
 *
 * <p>so 6 of every 8 commits ship and 2 never do, and every walk crosses merge commits. Deployments go
 * out along the mainline: deployment {@code k} deploys the last block tip at or before commit
 * {@code (k + 1) * step - 1}, thirty minutes after it was authored, all successful production.
 */
final class RepoGraph {
  private RepoGraph() {}

  static final int BLOCK = 8;
  static final int SHIPPED_PER_BLOCK = 6;
  static final String REPO = "bench/monorepo";
  static final String SERVICE = "monorepo";
  static final long START_EPOCH = Instant.parse("2022-01-03T08:00:00Z").getEpochSecond();
  static final long SECONDS_PER_COMMIT = 600;

  private static final String I = "i";
  private static final String K = "k";

  /** Commits {@code from} (a block's start) to {@code to} (exclusive), in the {@code commits} schema. */
  static Dataset<Row> commits(SparkSession spark, long from, long to) {
    Column i = col("id");
    Column block = floor(i.divide(BLOCK));
    Column pos = pmod(i, lit(BLOCK));
    Column previousTip = when(block.gt(0), block.multiply(BLOCK).minus(1));
    Column parents =
        when(pos.equalTo(0), array_compact(array(sha(previousTip))))
            .when(pos.equalTo(3), array_compact(array(sha(previousTip), sha(i.minus(1)))))
            .when(pos.equalTo(6), array(sha(i.minus(3))))
            .otherwise(array(sha(i.minus(1))));
    Column author = pmod(block, lit(40));
    Column authored = authoredAt(i);
    Column message =
        when(pos.equalTo(3), concat(lit("Merge pull request #"), block.cast("string"), lit(" from feature/BENCH-"), block.cast("string")))
            .when(pos.equalTo(6), concat(lit("BENCH-"), block.cast("string"), lit(": squashed change (#"), block.cast("string"), lit(")")))
            .otherwise(concat(lit("BENCH-"), block.cast("string"), lit(": work in progress ("), pos.cast("string"), lit(")")));
    Map<String, Column> c = new HashMap<>();
    c.put(CommitsTable.SOURCE_SYSTEM, lit("git"));
    c.put(CommitsTable.REPO, lit(REPO));
    c.put(CommitsTable.SHA, sha(i));
    c.put(CommitsTable.PARENTS, parents);
    c.put(CommitsTable.PARENTS_KNOWN, lit(true));
    c.put(CommitsTable.AUTHOR_NAME, concat(lit("Engineer "), author.cast("string")));
    c.put(CommitsTable.AUTHOR_EMAIL, concat(lit("engineer"), author.cast("string"), lit("@example.com")));
    c.put(CommitsTable.AUTHOR_PERSON_ID, concat(lit("engineer"), author.cast("string")));
    c.put(CommitsTable.AUTHOR_IS_BOT, lit(false));
    c.put(CommitsTable.AUTHORED_AT, authored);
    c.put(CommitsTable.COMMITTED_AT, authored);
    c.put(CommitsTable.MESSAGE, message);
    c.put(CommitsTable.WORK_ITEM_KEYS, array(concat(lit("BENCH-"), block.cast("string"))));
    c.put(LineageColumns.EXPORT_DATE, to_date(authored));
    c.put(LineageColumns.SOURCE_FILE, lit("bench/" + REPO + "/log.txt"));
    c.put(LineageColumns.SOURCE_POSITION, i);
    c.put(io.ttv.schemas.tables.WeekPartition.COLUMN, io.ttv.schemas.tables.WeekPartition.of(authored));
    return inSchema(spark.range(from, to).toDF(), c, CommitsTable.SCHEMA);
  }

  /** Deployments {@code 0..count-1}, one every {@code step} commits along the mainline. */
  static Dataset<Row> deployments(SparkSession spark, long count, long step) {
    Column j = col(K).plus(1).multiply(step).minus(1);
    Column tipAtOrBefore = when(pmod(j, lit(BLOCK)).equalTo(BLOCK - 1), j).otherwise(floor(j.divide(BLOCK)).multiply(BLOCK).minus(1));
    return deployments(spark.range(count).withColumnRenamed("id", K).withColumn(I, tipAtOrBefore));
  }

  /** The commit deployment {@code k} deploys: the last block tip at or before {@code (k + 1) * step - 1}. */
  static long deployedCommit(long k, long step) {
    long j = (k + 1) * step - 1;
    return j % BLOCK == BLOCK - 1 ? j : j / BLOCK * BLOCK - 1;
  }

  /** One deployment {@code id} of commit {@code commit}. */
  static Dataset<Row> deployment(SparkSession spark, long id, long commit) {
    return deployments(spark.range(1).select(lit(id).as(K), lit(commit).as(I)));
  }

  /** Columns k (deployment number) and i (the deployed commit) -> the {@code deployments} schema. */
  private static Dataset<Row> deployments(Dataset<Row> deployed) {
    Column authored = authoredAt(col(I));
    Column finished = authored.plus(org.apache.spark.sql.functions.expr("INTERVAL 30 MINUTES"));
    Map<String, Column> c = new HashMap<>();
    c.put(DeploymentsTable.SOURCE_SYSTEM, lit("github"));
    c.put(DeploymentsTable.DEPLOYMENT_ID, concat(lit("bench-"), col(K).cast("string")));
    c.put(DeploymentsTable.REPO, lit(REPO));
    c.put(DeploymentsTable.SERVICE, lit(SERVICE));
    c.put(DeploymentsTable.ENVIRONMENT, lit("production"));
    c.put(DeploymentsTable.IS_PRODUCTION, lit(true));
    c.put(DeploymentsTable.SHA, sha(col(I)));
    c.put(DeploymentsTable.REF, lit("main"));
    c.put(DeploymentsTable.CREATOR, lit("release-manager"));
    c.put(DeploymentsTable.CREATED_AT, authored.plus(org.apache.spark.sql.functions.expr("INTERVAL 20 MINUTES")));
    c.put(DeploymentsTable.STARTED_AT, authored.plus(org.apache.spark.sql.functions.expr("INTERVAL 22 MINUTES")));
    c.put(DeploymentsTable.FINISHED_AT, finished);
    c.put(DeploymentsTable.STATUS, lit("success"));
    c.put(DeploymentsTable.RAW_STATUS, lit("success"));
    c.put(DeploymentsTable.IS_SUCCESSFUL, lit(true));
    c.put(DeploymentsTable.IS_MANUAL_GATE, lit(false));
    c.put(DeploymentsTable.IS_GATE_PASSED, lit(false));
    c.put(LineageColumns.EXPORT_DATE, to_date(finished));
    c.put(LineageColumns.SOURCE_FILE, lit("bench/" + REPO + "/deployments.json"));
    c.put(LineageColumns.SOURCE_POSITION, col(K));
    return inSchema(deployed, c, DeploymentsTable.SCHEMA);
  }

  /** The 40-hex sha of commit number {@code i} (null for null). */
  private static Column sha(Column i) {
    return sha1(concat(lit("ttv-bench:"), i.cast("string")).cast("binary"));
  }

  private static Column authoredAt(Column i) {
    return timestamp_seconds(i.multiply(SECONDS_PER_COMMIT).plus(START_EPOCH));
  }

  /** Every column of the schema, in its order and type; the ones not given are null. */
  private static Dataset<Row> inSchema(Dataset<Row> base, Map<String, Column> given, StructType schema) {
    Column[] cols = new Column[schema.fields().length];
    for (int n = 0; n < cols.length; n++) {
      StructField f = schema.fields()[n];
      Column v = given.getOrDefault(f.name(), lit(null));
      cols[n] = v.cast(f.dataType()).as(f.name());
    }
    return base.select(cols);
  }
}
