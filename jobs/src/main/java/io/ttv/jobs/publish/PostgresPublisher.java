package io.ttv.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;

import io.delta.tables.DeltaTable;
import io.ttv.jobs.Progress;
import io.ttv.jobs.pipeline.Checkpoints;
import io.ttv.jobs.spark.DeltaTables;
import io.ttv.schemas.Col;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.jobs.publish.PublishedTables.Published;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.core.BaseConnection;

/**
 * Copies the published tables ({@link PublishedTables}) of one Delta version each into the
 * {@code bi.postgres} schema.
 *
 * <p>Two transactions. The first creates what is missing (schema, tables, columns a newer ttv added, the
 * comments) and is empty on every run but the first; it is kept apart because DDL locks a table against
 * readers. The second replaces the data of every table at once: for a table with a date, the rows of
 * {@code from..to} (the dates the facts stage recomputed), for the others all rows; then {@code COPY}s the
 * Delta rows in and writes one {@code ttv_publish_log} row per table. Readers see the old rows of every
 * table until the commit and the new rows of every table after it, never half a day and never a fact newer
 * than its dimension; a publish that dies before the commit leaves the database as it was.
 *
 * <p>Rows travel from the executors to the driver one partition at a time ({@code toLocalIterator}) and
 * are written to the COPY stream as they come: the driver never holds a table, and the copy lives inside
 * the driver's transaction (executors writing their own COPYs could not share it).
 */
public final class PostgresPublisher {
  private PostgresPublisher() {}

  public static final String LOG_TABLE = "ttv_publish_log";

  /** What one table received. {@code from}/{@code to} are null for a table replaced whole. */
  public record TableResult(String table, long deltaVersion, LocalDate from, LocalDate to, long rows) {}

  private record Source(Published table, long version, Dataset<Row> rows) {}

  public static List<TableResult> publish(SparkSession spark, TtvConfig config, BiDatabase db, LocalDate from, LocalDate to, String runId) {
    Instant start = Instant.now();
    List<Source> sources = new ArrayList<>();
    for (Published p : PublishedTables.all()) {
      String path = config.tablePath(p.name());
      if (!DeltaTables.exists(spark, path)) {
        continue; // its source is not read: nothing to publish, and a table published earlier stays
      }
      long version = DeltaTable.forPath(spark, path).history(1).head().<Long>getAs("version");
      Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version).load(path);
      if (p.isRanged()) {
        rows = rows.where(col(p.rangeColumn()).between(lit(java.sql.Date.valueOf(from)), lit(java.sql.Date.valueOf(to))));
      }
      sources.add(new Source(p, version, forCopy(rows, p.def().schema())));
    }
    String schema = db.config().schema();
    List<TableResult> results = new ArrayList<>();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      ensureTables(c, schema, sources);
      c.commit();
      for (Source s : sources) {
        results.add(replace(c, schema, s, from, to, runId));
      }
      Checkpoints.reached("publish.copied");
      c.commit();
    } catch (SQLException e) {
      throw db.failure(e);
    }
    long rows = results.stream().mapToLong(TableResult::rows).sum();
    Progress.info(String.format(Locale.ROOT, "publish: %d tables, %,d rows into %s at %s (%s..%s; whole tables for dimensions) in %s",
        results.size(), rows, schema, db.host(), from, to, Progress.since(start)));
    return results;
  }

  /** The table's columns in its schema's order; missing ones (an older warehouse) null; nested ones as JSON. */
  private static Dataset<Row> forCopy(Dataset<Row> rows, StructType schema) {
    Set<String> present = new HashSet<>(List.of(rows.columns()));
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = present.contains(f.name()) ? col(f.name()).cast(f.dataType()) : lit(null).cast(f.dataType());
      cols.add((PgColumns.isJson(f.dataType()) ? to_json(c) : c).as(f.name()));
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  private static TableResult replace(Connection c, String schema, Source s, LocalDate from, LocalDate to, String runId) throws SQLException {
    Instant start = Instant.now();
    Published p = s.table();
    String table = q(schema) + "." + q(p.name());
    if (p.isRanged()) {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE " + q(p.rangeColumn()) + " BETWEEN ? AND ?")) {
        del.setObject(1, from);
        del.setObject(2, to);
        del.executeUpdate();
      }
    } else {
      try (Statement del = c.createStatement()) {
        del.executeUpdate("DELETE FROM " + table);
      }
    }
    StructType schemaOf = p.def().schema();
    List<String> names = new ArrayList<>();
    for (StructField f : schemaOf.fields()) {
      names.add(q(f.name()));
    }
    String copy = "COPY " + table + " (" + String.join(", ", names) + ") FROM STDIN WITH (FORMAT csv)";
    long rows;
    PGCopyOutputStream out = new PGCopyOutputStream(c.unwrap(BaseConnection.class), copy, 1 << 16);
    try {
      StringBuilder line = new StringBuilder(512);
      StructField[] fields = schemaOf.fields();
      Iterator<Row> it = s.rows().toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        line.setLength(0);
        for (int i = 0; i < fields.length; i++) {
          if (i > 0) {
            line.append(',');
          }
          PgColumns.appendCsv(line, r, i, fields[i]);
        }
        line.append('\n');
        write(out, line);
      }
      rows = out.endCopy();
    } catch (IOException e) {
      throw copyFailure(e);
    } finally {
      if (out.isActive()) {
        try {
          out.cancelCopy();
        } catch (SQLException ignored) {
          // the transaction is rolled back anyway
        }
      }
    }
    try (PreparedStatement log =
        c.prepareStatement("INSERT INTO " + q(schema) + "." + LOG_TABLE
            + " (run_id, table_name, delta_version, date_from, date_to, row_count, published_at) VALUES (?, ?, ?, ?, ?, ?, now())")) {
      log.setString(1, runId);
      log.setString(2, p.name());
      log.setLong(3, s.version());
      log.setObject(4, p.isRanged() ? from : null, java.sql.Types.DATE);
      log.setObject(5, p.isRanged() ? to : null, java.sql.Types.DATE);
      log.setLong(6, rows);
      log.executeUpdate();
    }
    Progress.info(String.format(Locale.ROOT, "publish %s: %,d rows (Delta version %d%s) in %s", p.name(), rows, s.version(),
        p.isRanged() ? ", " + from + ".." + to : ", whole table", Progress.since(start)));
    return new TableResult(p.name(), s.version(), p.isRanged() ? from : null, p.isRanged() ? to : null, rows);
  }

  private static void write(OutputStream out, StringBuilder line) throws IOException {
    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static SQLException copyFailure(IOException e) {
    Throwable cause = e.getCause();
    if (cause instanceof SQLException se) {
      return se;
    }
    return new SQLException(e.getMessage(), "08006", e);
  }

  /** Schema, log table, tables, missing columns, comments and the date index: only what is missing or changed. */
  private static void ensureTables(Connection c, String schema, List<Source> sources) throws SQLException {
    try (Statement st = c.createStatement()) {
      // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists: ask first
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        st.execute("CREATE SCHEMA " + q(schema));
      }
      Map<String, Map<String, String>> existing = existingColumns(c, schema);
      if (!existing.containsKey(LOG_TABLE)) {
        st.execute("CREATE TABLE " + q(schema) + "." + LOG_TABLE + " (run_id text NOT NULL, table_name text NOT NULL,"
            + " delta_version bigint NOT NULL, date_from date, date_to date, row_count bigint NOT NULL, published_at timestamptz NOT NULL)");
        st.execute("COMMENT ON TABLE " + q(schema) + "." + LOG_TABLE + " IS "
            + sqlString("one row per table per ttv publish: the Delta version copied and the dates replaced (null: the whole table)"));
      }
      Map<String, String> comments = existingComments(c, schema);
      for (Source s : sources) {
        Published p = s.table();
        String table = q(schema) + "." + q(p.name());
        Map<String, String> cols = existing.get(p.name());
        if (cols == null) {
          List<String> defs = new ArrayList<>();
          for (StructField f : p.def().schema().fields()) {
            defs.add(q(f.name()) + " " + PgColumns.type(f.dataType()));
          }
          st.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
          if (p.isRanged()) {
            st.execute("CREATE INDEX ON " + table + " (" + q(p.rangeColumn()) + ")");
          }
          cols = Map.of();
        }
        for (StructField f : p.def().schema().fields()) {
          if (!cols.containsKey(f.name())) {
            if (!cols.isEmpty()) {
              st.execute("ALTER TABLE " + table + " ADD COLUMN " + q(f.name()) + " " + PgColumns.type(f.dataType()));
            }
          }
          String want = Col.description(f);
          if (!want.equals(comments.get(p.name() + "." + f.name()))) {
            st.execute("COMMENT ON COLUMN " + table + "." + q(f.name()) + " IS " + sqlString(want));
          }
        }
        String tableComment = p.name() + ": " + p.def().grain();
        if (!tableComment.equals(comments.get(p.name()))) {
          st.execute("COMMENT ON TABLE " + table + " IS " + sqlString(tableComment));
        }
      }
    }
  }

  /** table -> column -> type of the schema's tables. */
  private static Map<String, Map<String, String>> existingColumns(Connection c, String schema) throws SQLException {
    Map<String, Map<String, String>> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
        }
      }
    }
    return out;
  }

  /** "table" -> table comment and "table.column" -> column comment, of the schema's tables. */
  private static Map<String, String> existingComments(Connection c, String schema) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT cl.relname, a.attname, d.description FROM pg_description d"
            + " JOIN pg_class cl ON cl.oid = d.objoid AND d.classoid = 'pg_class'::regclass"
            + " JOIN pg_namespace n ON n.oid = cl.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = d.objsubid"
            + " WHERE n.nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(2) == null ? rs.getString(1) : rs.getString(1) + "." + rs.getString(2), rs.getString(3));
        }
      }
    }
    return out;
  }

  /** A quoted identifier (names come from the schemas module and a validated config key). */
  static String q(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A SQL string literal (descriptions are ours, but may hold quotes). */
  private static String sqlString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
