package io.ttv.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.opentest4j.AssertionFailedError;

/**
 * Order-insensitive dataset equality, like the spark-testing libraries: compares column names and types,
 * then the rows as a multiset, and on a difference lists the rows only one side has. Doubles compare
 * with a tolerance.
 */
public final class DatasetAssert {
  private DatasetAssert() {}

  private static final double TOLERANCE = 1e-9;

  /** Same column names and types (nullability ignored) and the same rows in any order. */
  public static void assertDatasetEquals(Dataset<Row> expected, Dataset<Row> actual) {
    assertSameColumns(expected.schema(), actual.schema());
    assertRowsEqual(expected.collectAsList(), actual.collectAsList(), actual.schema());
  }

  /** Compares {@code actual} (projected to the given columns) with literal rows, in any order. */
  public static void assertRows(Dataset<Row> actual, String[] columns, Object[]... expectedRows) {
    Dataset<Row> projected = actual.selectExpr(Arrays.stream(columns).map(c -> "`" + c + "`").toArray(String[]::new));
    List<Row> expected = new ArrayList<>();
    for (Object[] r : expectedRows) {
      expected.add(Row.fromSeq(scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(r)).toSeq()));
    }
    assertRowsEqual(expected, projected.collectAsList(), projected.schema());
  }

  public static void assertSameColumns(StructType expected, StructType actual) {
    String e = describe(expected);
    String a = describe(actual);
    if (!e.equals(a)) {
      throw new AssertionFailedError("schemas differ", e, a);
    }
  }

  private static String describe(StructType s) {
    return Arrays.stream(s.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).collect(Collectors.joining(",\n"));
  }

  private static void assertRowsEqual(List<Row> expected, List<Row> actual, StructType schema) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Row> byKey = new HashMap<>();
    for (Row r : expected) {
      String k = key(r);
      counts.merge(k, 1, Integer::sum);
      byKey.put(k, r);
    }
    List<Row> unexpected = new ArrayList<>();
    for (Row r : actual) {
      String k = key(r);
      Integer c = counts.get(k);
      if (c == null) {
        unexpected.add(r);
      } else if (c == 1) {
        counts.remove(k);
      } else {
        counts.put(k, c - 1);
      }
    }
    if (!unexpected.isEmpty() || !counts.isEmpty()) {
      StringBuilder msg = new StringBuilder("datasets differ (columns: ");
      msg.append(String.join(", ", schema.fieldNames())).append(")\n");
      msg.append("  expected but missing (").append(counts.values().stream().mapToInt(i -> i).sum()).append("):\n");
      counts.forEach((k, c) -> msg.append("    ").append(c > 1 ? c + "x " : "").append(byKey.get(k)).append('\n'));
      msg.append("  present but not expected (").append(unexpected.size()).append("):\n");
      unexpected.forEach(r -> msg.append("    ").append(r).append('\n'));
      throw new AssertionFailedError(msg.toString());
    }
  }

  /** A canonical text of a row: doubles rounded to the tolerance, nested values recursively. */
  private static String key(Row r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.length(); i++) {
      sb.append(i == 0 ? "" : "|").append(canonical(r.get(i)));
    }
    return sb.toString();
  }

  private static String canonical(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return "d:" + Math.round(d / TOLERANCE / 1000) ;
    }
    if (v instanceof Number n && !(v instanceof java.math.BigDecimal)) {
      return "n:" + n.longValue();
    }
    if (v instanceof Row row) {
      return "(" + key(row) + ")";
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return scala.jdk.javaapi.CollectionConverters.asJava(seq).stream().map(DatasetAssert::canonical).collect(Collectors.joining(",", "[", "]"));
    }
    if (v instanceof java.util.List<?> list) {
      return list.stream().map(DatasetAssert::canonical).collect(Collectors.joining(",", "[", "]")); // expected arrays
    }
    return Objects.toString(v);
  }
}
