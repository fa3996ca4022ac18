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
}
