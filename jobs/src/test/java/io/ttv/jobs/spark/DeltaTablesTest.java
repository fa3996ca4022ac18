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
}
