package io.ttv.jobs.publish;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Spark columns as PostgreSQL columns: the type, and the value as a field of {@code COPY ... (FORMAT csv)}.
 * Timestamps stay UTC instants ({@code timestamptz}); arrays of plain values become PostgreSQL arrays; maps,
 * structs and nested arrays become {@code jsonb} (Spark turns them into JSON text before they are copied).
 */
final class PgColumns {
  private PgColumns() {}

  static boolean isPlain(DataType t) {
    return t instanceof StringType || t instanceof BooleanType || t instanceof IntegerType || t instanceof LongType
        || t instanceof ShortType || t instanceof ByteType || t instanceof DoubleType || t instanceof FloatType
        || t instanceof DecimalType || t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType;
  }

  /** Whether Spark turns the column into JSON text before the copy (it becomes {@code jsonb}). */
  static boolean isJson(DataType t) {
    return !isPlain(t) && !(t instanceof ArrayType a && isPlain(a.elementType()));
  }

  static String type(DataType t) {
    if (t instanceof ArrayType a && isPlain(a.elementType())) {
      return type(a.elementType()) + "[]";
    }
    if (t instanceof StringType) {
      return "text";
    }
    if (t instanceof BooleanType) {
      return "boolean";
    }
    if (t instanceof IntegerType) {
      return "integer";
    }
    if (t instanceof LongType) {
      return "bigint";
    }
    if (t instanceof ShortType || t instanceof ByteType) {
      return "smallint";
    }
    if (t instanceof DoubleType) {
      return "double precision";
    }
    if (t instanceof FloatType) {
      return "real";
    }
    if (t instanceof DecimalType d) {
      return "numeric(" + d.precision() + "," + d.scale() + ")";
    }
    if (t instanceof DateType) {
      return "date";
    }
    if (t instanceof TimestampType) {
      return "timestamptz";
    }
    if (t instanceof TimestampNTZType) {
      return "timestamp";
    }
    return "jsonb";
  }

  /** Appends field {@code i} of {@code row} as one CSV field (nothing for null, as COPY csv reads it). */
  static void appendCsv(StringBuilder out, Row row, int i, StructField field) {
    if (row.isNullAt(i)) {
      return;
    }
    DataType t = field.dataType();
    if (t instanceof ArrayType a && isPlain(a.elementType())) {
      List<Object> values = row.getList(i);
      StringBuilder arr = new StringBuilder("{");
      for (int k = 0; k < values.size(); k++) {
        if (k > 0) {
          arr.append(',');
        }
        Object v = values.get(k);
        if (v == null) {
          arr.append("NULL");
        } else {
          arr.append('"').append(text(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
      }
      quoted(out, arr.append('}').toString());
      return;
    }
    Object v = row.get(i);
    if (v instanceof String s) {
      quoted(out, s);
    } else {
      out.append(text(v));
    }
  }

  private static String text(Object v) {
    if (v instanceof Boolean b) {
      return b ? "t" : "f";
    }
    if (v instanceof Timestamp ts) {
      return ts.toInstant().toString();
    }
    if (v instanceof Instant in) {
      return in.toString();
    }
    if (v instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof String s) {
      return s;
    }
    // numbers: Java's shortest round-trip form, which PostgreSQL reads back to the same double
    // (NaN and Infinity are spelled as PostgreSQL spells them)
    return String.valueOf(v);
  }

  /** A CSV field in quotes (so an empty string stays a string, not a null); NUL cannot live in text. */
  private static void quoted(StringBuilder out, String s) {
    out.append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"') {
        out.append("\"\"");
      } else if (c != '\u0000') {
        out.append(c);
      }
    }
    out.append('"');
  }
}
