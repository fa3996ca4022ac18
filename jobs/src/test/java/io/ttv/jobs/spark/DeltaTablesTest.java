package io.ttv.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import io.ttv.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaTablesTest {
  @TempDir Path dir;

  @Test
  void aTableWrittenByAnOlderVersionGainsTheNewColumnsWithTheirDescriptions() {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("t").toString();
    StructType v1 = new StructType().add(Col.required("id", DataTypes.StringType, "the id"));
    TableDef old = new TableDef("t", TableDef.Layer.SYSTEM, "one thing", v1, List.of("id"), List.of());
    DeltaTables.upsert(spark, old, path, spark.createDataFrame(List.of(RowFactory.create("a")), v1));

    StructType v2 = v1.add(Col.of("n", DataTypes.LongType, "how many, added later"));
    TableDef now = new TableDef("t", TableDef.Layer.SYSTEM, "one thing", v2, List.of("id"), List.of());
    DeltaTables.upsert(spark, now, path, spark.createDataFrame(List.of(RowFactory.create("b", 2L)), v2));

    assertThat(spark.read().format("delta").load(path).orderBy("id").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[a,null]", "[b,2]");
    assertThat(Col.description(spark.read().format("delta").load(path).schema().apply("n"))).isEqualTo("how many, added later");
  }

  @Test
  void tablesAreCreatedWithColumnDescriptionsAndPartitions() {
    SparkSession spark = TestSpark.session();
    String path = "file://" + dir.resolve("p");
    StructType s =
        new StructType()
            .add(Col.required("date", DataTypes.DateType, "a day"))
            .add(Col.of("v", DataTypes.DoubleType, "a value"));
    DeltaTables.ensure(spark, new TableDef("p", TableDef.Layer.FACT, "one day", s, List.of("date"), List.of("date")), path);
    assertThat(Col.description(spark.read().format("delta").load(path).schema().apply("v"))).isEqualTo("a value");
    assertThat(spark.sql("DESCRIBE DETAIL delta.`" + path + "`").selectExpr("partitionColumns").first().getList(0)).containsExactly("date");
  }

  @Test
  void aTableWhoseCreationWasKilledBeforeItsFirstCommitIsCreated() throws Exception {
    SparkSession spark = TestSpark.session();
    // a run killed while it created the table: the log folder is there, its first commit is not
    Path table = dir.resolve("deployment_statuses");
    java.nio.file.Files.createDirectories(table.resolve("_delta_log"));
    String path = table.toUri().toString();
    DeltaTables.ensure(spark, io.ttv.schemas.tables.DeploymentStatusesTable.TABLE, path);
    assertThat(DeltaTables.read(spark, io.ttv.schemas.tables.DeploymentStatusesTable.TABLE, path).columns())
        .containsExactly(io.ttv.schemas.tables.DeploymentStatusesTable.TABLE.columnNames());
  }

  @Test
  void rawTablesKeepNoColumnStatisticsAndAnOlderRawTableIsSwitchedOver() {
    SparkSession spark = TestSpark.session();
    TableDef raw = io.ttv.schemas.tables.RawTables.table("github", "pulls");
    String fresh = dir.resolve("fresh").toString();
    DeltaTables.ensure(spark, raw, fresh);
    assertThat(property(spark, fresh, "delta.dataSkippingNumIndexedCols")).isEqualTo("0");

    // a raw table written before the property existed: created without it, then ensured
    String older = dir.resolve("older").toString();
    io.delta.tables.DeltaTable.createIfNotExists(spark).location(older).addColumns(raw.schema()).partitionedBy("export_date").execute();
    assertThat(property(spark, older, "delta.dataSkippingNumIndexedCols")).isNull();
    DeltaTables.ensure(spark, raw, older);
    assertThat(property(spark, older, "delta.dataSkippingNumIndexedCols")).isEqualTo("0");
    // the protocol stays (1,2) (docs/bi.md: every table opens with any Delta reader)
    assertThat(spark.sql("DESCRIBE DETAIL delta.`" + older + "`").selectExpr("minReaderVersion", "minWriterVersion").first().toString())
        .isEqualTo("[1,2]");

    // statistics: a written file records its row count and no column's min or max
    DeltaTables.replaceWhere(spark, raw, fresh,
        io.ttv.testing.RawFixtures.of(List.of(io.ttv.testing.RawFixtures.record("github", "pulls", "2026-01-05", "file:/l/p.json", 0, "{}", java.util.Map.of()))),
        "export_date = '2026-01-05'");
    String stats = spark.read().json(fresh + "/_delta_log/00000000000000000001.json").where("add IS NOT NULL").selectExpr("add.stats").first().getString(0);
    assertThat(stats).contains("\"numRecords\":1").doesNotContain("minValues");
  }

  private static String property(SparkSession spark, String path, String key) {
    return spark.sql("SHOW TBLPROPERTIES delta.`" + path + "`").where(org.apache.spark.sql.functions.col("key").equalTo(key))
        .collectAsList().stream().map(r -> r.getString(1)).findFirst().orElse(null);
  }

  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> gitlabCommit(
      boolean fromMergeRequest, String exportDate, String parentIds, String title) {
    String json =
        "{\"id\":\"ad25fcda15e310a7eb34b3e38ff9b962b54f0e03\",\"parent_ids\":" + parentIds + ",\"title\":\"" + title + "\","
            + "\"author_name\":\"emilie\",\"author_email\":\"emilie.burke@gmail.com\",\"authored_date\":\"2019-06-28T11:03:52.000Z\","
            + "\"committed_date\":\"2019-06-28T11:03:52.000Z\"}";
    var raw = io.ttv.testing.RawFixtures.of(List.of(io.ttv.testing.RawFixtures.record(
        "gitlab", fromMergeRequest ? "merge_request_commits" : "commits", exportDate, "file:/l/" + exportDate + ".json", 0, json,
        java.util.Map.of("project", "gitlab-data/snowflake_spend", "merge_request", "1"))));
    io.ttv.schemas.config.TtvConfig cfg = io.ttv.schemas.config.TtvConfig.minimal("/tmp/w", "/tmp/l");
    var rows = fromMergeRequest
        ? io.ttv.transforms.vcs.GitlabMergeRequestCommits.normalize(raw, cfg)
        : io.ttv.transforms.vcs.GitlabCommits.normalize(raw, cfg);
    return io.ttv.transforms.common.NormalizedRows.onlyValidNewest(rows, io.ttv.schemas.tables.CommitsTable.TABLE);
  }

  @Test
  void aParentlessMergeRequestCommitNeverReplacesOneWithParentsInTheMerge() {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("commits").toString();
    TableDef commits = io.ttv.schemas.tables.CommitsTable.TABLE;
    String parent = "[\"382084b42697577d3a6adf71ce73d4b5ddd22977\"]";
    DeltaTables.mergeNewest(spark, commits, path, gitlabCommit(false, "2022-01-01", parent, "with parents"));
    // newer export, but from the MR endpoint (parent_ids []): it does not replace the version with parents
    DeltaTables.mergeNewest(spark, commits, path, gitlabCommit(true, "2022-01-10", "[]", "from the MR"));
    assertThat(spark.read().format("delta").load(path).selectExpr("message", "parents_known", "size(parents)", "cast(export_date as string)").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[with parents,true,1,2022-01-01]");
    // a newer version with parents does replace it
    DeltaTables.mergeNewest(spark, commits, path, gitlabCommit(false, "2022-01-11", parent, "newer with parents"));
    assertThat(spark.read().format("delta").load(path).selectExpr("message", "parents_known", "cast(export_date as string)").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[newer with parents,true,2022-01-11]");
  }

  /** A commit row with the given key, committer time, export date and message (other columns null or false). */
  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> commit(
      SparkSession spark, String sha, String committedAt, String exportDate, String message) {
    TableDef t = io.ttv.schemas.tables.CommitsTable.TABLE;
    java.util.Map<String, Object> v = new java.util.HashMap<>();
    v.put("source_system", "git");
    v.put("repo", "acme/api");
    v.put("sha", sha);
    v.put("parents", List.of());
    v.put("work_item_keys", List.of());
    v.put("parents_known", true);
    v.put("author_is_bot", false);
    v.put("authored_at", java.sql.Timestamp.valueOf(committedAt));
    v.put("committed_at", java.sql.Timestamp.valueOf(committedAt));
    v.put("message", message);
    v.put("export_date", java.sql.Date.valueOf(exportDate));
    v.put("source_file", "file:/l/" + exportDate + ".log");
    v.put("source_position", 0L);
    // every column but the partition, which the write computes
    StructType without = new StructType(java.util.Arrays.stream(t.schema().fields())
        .filter(f -> !f.name().equals(io.ttv.schemas.tables.WeekPartition.COLUMN)).toArray(org.apache.spark.sql.types.StructField[]::new));
    Object[] values = java.util.Arrays.stream(without.fieldNames()).map(v::get).toArray();
    StructType nullable = new StructType(java.util.Arrays.stream(without.fields())
        .map(f -> new org.apache.spark.sql.types.StructField(f.name(), f.dataType(), true, f.metadata()))
        .toArray(org.apache.spark.sql.types.StructField[]::new));
    return spark.createDataFrame(List.of(RowFactory.create(values)), nullable);
  }

  private static String lastOperationMetric(SparkSession spark, String path, String metric) {
    return spark.sql("DESCRIBE HISTORY delta.`" + path + "` LIMIT 1").selectExpr("operationMetrics['" + metric + "']").first().getString(0);
  }

  @Test
  void aWeekPartitionedTableMergesOnlyTheWeeksItsRowsFallIn() {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("weekly").toString();
    TableDef commits = io.ttv.schemas.tables.CommitsTable.TABLE;
    // a: committed Wed 2026-01-07 -> week of Mon 2026-01-05; b: Sun 2026-01-18 23:59 -> week of Mon 2026-01-12
    DeltaTables.mergeNewest(spark, commits, path, commit(spark, "a", "2026-01-07 10:00:00", "2026-01-07", "a v1"));
    DeltaTables.mergeNewest(spark, commits, path, commit(spark, "b", "2026-01-18 23:59:00", "2026-01-19", "b v1"));
    assertThat(spark.sql("DESCRIBE DETAIL delta.`" + path + "`").selectExpr("partitionColumns").first().getList(0))
        .containsExactly("partition_week");
    assertThat(spark.read().format("delta").load(path).orderBy("sha").selectExpr("sha", "cast(partition_week as string)").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[a,2026-01-05]", "[b,2026-01-12]");

    // a newer version of b and a new commit c of the same week: the MERGE names only that week's partition
    var bc = commit(spark, "b", "2026-01-18 23:59:00", "2026-01-20", "b v2").union(commit(spark, "c", "2026-01-13 08:00:00", "2026-01-20", "c v1"));
    assertThat(DeltaTables.inWeeksOf(io.ttv.schemas.tables.WeekPartition.with(bc, commits), commits))
        .isEqualTo("(t.partition_week IN (DATE'2026-01-12')) AND ");
    DeltaTables.mergeNewest(spark, commits, path, bc);
    assertThat(lastOperationMetric(spark, path, "numTargetFilesRemoved")).isEqualTo("1");
    assertThat(lastOperationMetric(spark, path, "numTargetRowsUpdated")).isEqualTo("1");
    assertThat(lastOperationMetric(spark, path, "numTargetRowsInserted")).isEqualTo("1");
    assertThat(spark.read().format("delta").load(path).orderBy("sha").selectExpr("sha", "message", "cast(partition_week as string)").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[a,a v1,2026-01-05]", "[b,b v2,2026-01-12]", "[c,c v1,2026-01-12]");

    // an older export of a never replaces its newer version, and the week restriction keeps it one row
    DeltaTables.mergeNewest(spark, commits, path, commit(spark, "a", "2026-01-07 10:00:00", "2026-01-06", "a v0"));
    assertThat(spark.read().format("delta").load(path).where("sha = 'a'").selectExpr("message").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[a v1]");
  }

  @Test
  void anUnpartitionedTableOfAnOlderVersionIsRewrittenByWeekOnce() {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("older-commits").toString();
    TableDef commits = io.ttv.schemas.tables.CommitsTable.TABLE;
    // as ttv wrote it before the week partitions: no partition column, no partitions
    commit(spark, "a", "2026-01-07 10:00:00", "2026-01-07", "a v1").union(commit(spark, "b", "2026-01-18 23:59:00", "2026-01-19", "b v1"))
        .write().format("delta").save(path);
    DeltaTables.ensure(spark, commits, path);
    assertThat(spark.sql("DESCRIBE DETAIL delta.`" + path + "`").selectExpr("partitionColumns").first().getList(0))
        .containsExactly("partition_week");
    assertThat(spark.read().format("delta").load(path).orderBy("sha").selectExpr("sha", "message", "cast(partition_week as string)").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[a,a v1,2026-01-05]", "[b,b v1,2026-01-12]");
    assertThat(Col.description(spark.read().format("delta").load(path).schema().apply("partition_week")))
        .startsWith("Monday (UTC) of the week of committed_at");
    long versions = spark.sql("DESCRIBE HISTORY delta.`" + path + "`").count();
    DeltaTables.mergeNewest(spark, commits, path, commit(spark, "a", "2026-01-07 10:00:00", "2026-01-08", "a v2"));
    // the next write is a MERGE into the partitioned table, not another rewrite
    assertThat(spark.sql("DESCRIBE HISTORY delta.`" + path + "`").count()).isEqualTo(versions + 1);
    assertThat(spark.read().format("delta").load(path).orderBy("sha").selectExpr("sha", "message").collectAsList())
        .extracting(Object::toString)
        .containsExactly("[a,a v2]", "[b,b v1]");
  }
}
