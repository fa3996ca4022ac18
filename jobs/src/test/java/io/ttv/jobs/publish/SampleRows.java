package io.ttv.jobs.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Rows for any published table's schema, made from the column types (the awkward values COPY must carry:
 * quotes, commas, newlines, backslashes, unicode, empty strings, nulls, negative and fractional numbers,
 * microsecond timestamps, arrays with empty and quoted elements), and both sides of a comparison as lists
 * of plain Java values.
 */
final class SampleRows {
  private SampleRows() {}

  private static final String AWKWARD = "quote \" comma , newline \n back\\slash tab \t unicode \u00fc\u2713 NULL";

  /** {@code n} rows; a {@code date} column spreads them over {@code from - 1 .. to + 1}, so some lie outside. */
  static List<Row> of(StructType schema, LocalDate from, LocalDate to, int n) {
    List<Row> rows = new ArrayList<>();
    long span = to.toEpochDay() - from.toEpochDay() + 3;
    for (int i = 0; i < n; i++) {
      Object[] values = new Object[schema.size()];
      for (int c = 0; c < schema.size(); c++) {
        StructField f = schema.fields()[c];
        boolean nullHere = f.nullable() && (i + c) % 5 == 3;
        if (nullHere) {
          continue;
        }
        if (f.name().equals("date")) {
          values[c] = java.sql.Date.valueOf(from.minusDays(1).plusDays(i % span));
        } else {
          values[c] = value(f.dataType(), f.name(), i, c);
        }
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  private static Object value(DataType t, String name, int i, int c) {
    if (t instanceof StringType) {
      return switch ((i + c) % 4) {
        case 0 -> AWKWARD;
        case 1 -> "";
        default -> name + "-" + i;
      };
    }
    if (t instanceof IntegerType) {
      return i * 7 - 3 + c;
    }
    if (t instanceof LongType) {
      return (long) i * 1_000_000_007L - c;
    }
    if (t instanceof DoubleType) {
      return (i + 1) / 3.0 + c * 1e-7;
    }
    if (t instanceof BooleanType) {
      return (i + c) % 2 == 0;
    }
    if (t instanceof DateType) {
      return java.sql.Date.valueOf(LocalDate.parse("2026-01-01").plusDays(i + c));
    }
    if (t instanceof TimestampType) {
      return Timestamp.from(Instant.parse("2026-01-05T23:59:59.123456Z").plusSeconds(3600L * i + c));
    }
    if (t instanceof ArrayType a && a.elementType() instanceof StringType) {
      return switch (i % 3) {
        case 0 -> List.of();
        case 1 -> List.of("a", "b\"c", "d\\e", "with,comma", "NULL", "{braces}");
        default -> List.of(name + i);
      };
    }
    throw new IllegalArgumentException("no sample value for " + t + " (" + name + ")");
  }

  /** Spark's rows as lists of plain values (timestamps as instants, dates as local dates, arrays as lists). */
  static List<List<Object>> fromSpark(List<Row> rows, StructType schema) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>();
      for (int c = 0; c < schema.size(); c++) {
        Object v = r.isNullAt(r.fieldIndex(schema.fields()[c].name())) ? null : r.get(r.fieldIndex(schema.fields()[c].name()));
        if (v instanceof Timestamp ts) {
          v = ts.toInstant();
        } else if (v instanceof java.sql.Date d) {
          v = d.toLocalDate();
        } else if (v instanceof scala.collection.Seq<?> seq) {
          v = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(seq));
        }
        values.add(v);
      }
      out.add(values);
    }
    return out;
  }

  /** The PostgreSQL table's rows, read back over JDBC, as the same kind of lists. */
  static List<List<Object>> fromPostgres(Statement st, String table, StructType schema) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (StructField f : schema.fields()) {
          DataType t = f.dataType();
          Object v;
          if (t instanceof TimestampType) {
            OffsetDateTime o = rs.getObject(f.name(), OffsetDateTime.class);
            v = o == null ? null : o.toInstant();
          } else if (t instanceof DateType) {
            v = rs.getObject(f.name(), LocalDate.class);
          } else if (t instanceof ArrayType) {
            java.sql.Array a = rs.getArray(f.name());
            v = a == null ? null : new ArrayList<>(Arrays.asList((Object[]) a.getArray()));
          } else if (t instanceof IntegerType) {
            v = rs.getObject(f.name(), Integer.class);
          } else if (t instanceof LongType) {
            v = rs.getObject(f.name(), Long.class);
          } else if (t instanceof DoubleType) {
            v = rs.getObject(f.name(), Double.class);
          } else if (t instanceof BooleanType) {
            v = rs.getObject(f.name(), Boolean.class);
          } else {
            v = rs.getString(f.name());
          }
          values.add(v);
        }
        out.add(values);
      }
    }
    return out;
  }
}
