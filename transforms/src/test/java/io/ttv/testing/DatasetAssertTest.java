package io.ttv.testing;

import static io.ttv.testing.DatasetAssert.assertDatasetEquals;
import static io.ttv.testing.DatasetAssert.assertRows;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The equality helper itself: order does not matter, content and columns do, and diffs are shown. */
class DatasetAssertTest {
  private static final StructType SCHEMA =
      new StructType().add("k", DataTypes.StringType).add("v", DataTypes.DoubleType);

  private static Dataset<Row> ds(Object[]... rows) {
    return TestSpark.session().createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(), SCHEMA);
  }

  @Test
  void orderDoesNotMatter() {
    assertDatasetEquals(ds(new Object[] {"a", 1.0}, new Object[] {"b", 2.0}), ds(new Object[] {"b", 2.0}, new Object[] {"a", 1.0}));
  }

  @Test
  void aDifferentValueIsReportedWithBothRows() {
    assertThatThrownBy(() -> assertDatasetEquals(ds(new Object[] {"a", 1.0}), ds(new Object[] {"a", 1.5})))
        .hasMessageContaining("expected but missing (1)")
        .hasMessageContaining("[a,1.0]")
        .hasMessageContaining("present but not expected (1)")
        .hasMessageContaining("[a,1.5]");
  }

  @Test
  void duplicatesCount() {
    assertThatThrownBy(() -> assertDatasetEquals(ds(new Object[] {"a", 1.0}, new Object[] {"a", 1.0}), ds(new Object[] {"a", 1.0})))
        .hasMessageContaining("expected but missing (1)");
  }

  @Test
  void columnsMustMatch() {
    Dataset<Row> other = TestSpark.session().createDataFrame(List.of(RowFactory.create("a", 1L)), new StructType().add("k", DataTypes.StringType).add("v", DataTypes.LongType));
    assertThatThrownBy(() -> assertDatasetEquals(ds(new Object[] {"a", 1.0}), other)).hasMessageContaining("schemas differ");
  }

  @Test
  void literalRowsAndNulls() {
    assertRows(ds(new Object[] {"a", null}), new String[] {"k", "v"}, new Object[] {"a", null});
    assertThatThrownBy(() -> assertRows(ds(new Object[] {"a", null}), new String[] {"v"}, new Object[] {0.0}))
        .hasMessageContaining("present but not expected");
  }
}
