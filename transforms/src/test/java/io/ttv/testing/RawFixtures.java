package io.ttv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ttv.schemas.tables.RawTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Builds {@code raw_*} rows from fixture files on the test class path, as ingest would store them. */
public final class RawFixtures {
  private RawFixtures() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One raw row per record of each resource (records under {@code wrapperKey}, or the body itself). */
  public static Dataset<Row> raw(String system, String dataset, String wrapperKey, String exportDate, String... resources) {
    List<Row> rows = new ArrayList<>();
    for (String res : resources) {
      rows.addAll(rows(system, dataset, wrapperKey, exportDate, res, Map.of()));
    }
    return TestSpark.session().createDataFrame(rows, RawTables.SCHEMA);
  }

  public static List<Row> rows(String system, String dataset, String wrapperKey, String exportDate, String resource, Map<String, String> params) {
    try (InputStream in = RawFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      JsonNode body = JSON.readTree(in);
      JsonNode records =
          body.isArray() ? body
              : wrapperKey != null && body.has(wrapperKey) ? body.get(wrapperKey)
              : JSON.createArrayNode().add(body);
      List<Row> rows = new ArrayList<>();
      long pos = 0;
      for (JsonNode r : records) {
        rows.add(record(system, dataset, exportDate, "file:/landing" + resource, pos++, JSON.writeValueAsString(r), params));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One raw row per line of an NDJSON resource (DevLake's raw-table extracts), as ingest stores them. */
  public static Dataset<Row> ndjson(String system, String dataset, String exportDate, String resource, Map<String, String> params) {
    try (InputStream in = RawFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      List<Row> rows = new ArrayList<>();
      long pos = 0;
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          rows.add(record(system, dataset, exportDate, "file:/landing" + resource, pos++, line, params));
        }
      }
      return of(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One raw row per non-blank line of a text resource ({@code git log} in the contract's format), the
   * line exactly as written and its line index as position, as ingest's line mode stores them.
   */
  public static Dataset<Row> lines(String system, String dataset, String exportDate, String resource, Map<String, String> params) {
    try (InputStream in = RawFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          rows.add(record(system, dataset, exportDate, "file:/landing" + resource, i, lines[i], params));
        }
      }
      return of(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Raw rows of a JSON resource (an array, a wrapper object or one body) with exporter folders. */
  public static Dataset<Row> json(String system, String dataset, String wrapperKey, String exportDate, String resource, Map<String, String> params) {
    return of(rows(system, dataset, wrapperKey, exportDate, resource, params));
  }

  /** One raw row from literal JSON text (for hand-made records). */
  public static Row record(String system, String dataset, String exportDate, String file, long position, String json, Map<String, String> params) {
    return RowFactory.create(
        system,
        dataset,
        Date.valueOf(exportDate),
        file,
        position,
        json,
        scala.jdk.javaapi.CollectionConverters.asScala(params),
        Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
  }

  public static Dataset<Row> of(List<Row> rows) {
    return TestSpark.session().createDataFrame(rows, RawTables.SCHEMA);
  }

  public static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  public static Date date(String iso) {
    return Date.valueOf(iso);
  }
}
