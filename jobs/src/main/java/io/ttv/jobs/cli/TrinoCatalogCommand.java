package io.ttv.jobs.cli;

import io.ttv.jobs.Progress;
import io.ttv.jobs.publish.TrinoClient;
import io.ttv.jobs.publish.TrinoTables;
import io.ttv.schemas.TableDef;
import io.ttv.schemas.Tables;
import io.ttv.schemas.config.BiTrino;
import io.ttv.schemas.config.TtvConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ttv trino-catalog}: what makes Trino read the warehouse in place, for organisations whose facts
 * outgrow a PostgreSQL copy. Prints a SQL file for the Trino CLI ({@code trino -f}) whose comment header is
 * the {@code delta_lake} catalog's properties file, then one {@code register_table} call per Delta table of
 * the warehouse; with {@code bi.trino.url} it runs them against that Trino instead ({@link TrinoTables}:
 * idempotent). Reads no table (only whether each table's {@code _delta_log} exists); starts no Spark.
 */
@Command(
    name = "trino-catalog",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the Trino delta_lake catalog properties (as a comment header) and the CALL system.register_table(...)",
      "statements that register every Delta table of the warehouse; with bi.trino.url in the config it runs them",
      "against that Trino instead (a table registered before is kept, or re-registered when it moved) (docs/bi.md)."
    })
public final class TrinoCatalogCommand implements Callable<Integer> {
  /** The Trino schema the tables are registered in. */
  static final String SCHEMA = "ttv";

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ttv config (JSON).")
  Path config;

  @Option(names = "--properties", description = "Print only the catalog properties file (etc/catalog/<catalog>.properties).")
  boolean propertiesOnly;

  @Option(names = "--print", description = "Print the statements even when bi.trino.url is set (run nothing).")
  boolean printOnly;

  @Override
  public Integer call() {
    TtvConfig cfg = Configs.load(config);
    String catalog = cfg.bi().hasTrino() ? cfg.bi().trino().catalog() : BiTrino.DEFAULT_CATALOG;
    String url = cfg.bi().hasTrino() ? cfg.bi().trino().url() : null;
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    List<String> props = properties(cfg.warehouseUri());
    if (propertiesOnly) {
      props.forEach(out::println);
      return 0;
    }
    // the client first: a malformed url is said before the warehouse is listed
    TrinoClient trino = url == null || printOnly ? null : TrinoClient.of(url);
    Map<String, String> locations = new LinkedHashMap<>();
    existing(cfg).forEach(t -> locations.put(t.name(), trinoLocation(cfg.tablePath(t.name()))));
    if (trino != null) {
      Instant start = Instant.now();
      Progress.info("registering " + locations.size() + " tables of " + cfg.warehouseUri() + " in Trino at " + trino.host() + ", catalog "
          + catalog);
      List<TrinoTables.Registered> done = TrinoTables.register(trino, catalog, SCHEMA, locations);
      for (TrinoTables.Registered r : done) {
        out.println(r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "\t" + catalog + "." + SCHEMA + "." + r.table() + "\t"
            + r.location());
      }
      Progress.info(done.size() + " tables in " + catalog + "." + SCHEMA + " at " + trino.host() + " ("
          + count(done, TrinoTables.Outcome.REGISTERED) + " registered, " + count(done, TrinoTables.Outcome.ALREADY_REGISTERED)
          + " already registered, " + count(done, TrinoTables.Outcome.RE_REGISTERED) + " re-registered at a new location) in "
          + Progress.since(start));
      return 0;
    }
    out.println("-- ttv trino-catalog: register the ttv warehouse in Trino's delta_lake connector (docs/bi.md).");
    out.println("-- 1. On every Trino node, etc/catalog/" + catalog + ".properties (then restart Trino):");
    props.forEach(l -> out.println("--    " + l));
    out.println("-- 2. Run this file: trino --server http://HOST:8080 -f FILE (or set bi.trino.url and run ttv trino-catalog, which");
    out.println("--    also re-registers a table registered before; here that needs: CALL " + catalog + ".system.unregister_table('" + SCHEMA
        + "', 'TABLE')).");
    TrinoTables.statements(catalog, SCHEMA, locations).forEach(s -> out.println(s + ";"));
    Progress.info(locations.size() + " tables of " + cfg.warehouseUri());
    return 0;
  }

  private static long count(List<TrinoTables.Registered> done, TrinoTables.Outcome o) {
    return done.stream().filter(r -> r.outcome() == o).count();
  }

  /** The catalog properties for the warehouse's storage: a file metastore next to it, register_table allowed. */
  static List<String> properties(String warehouseUri) {
    String scheme = URI.create(warehouseUri).getScheme();
    scheme = scheme == null ? "file" : scheme.toLowerCase(Locale.ROOT);
    List<String> p = new ArrayList<>();
    p.add("connector.name=delta_lake");
    p.add("# a file metastore beside the warehouse; in production: hive.metastore.uri=thrift://HOST:9083, or hive.metastore=glue");
    p.add("hive.metastore=file");
    p.add("hive.metastore.catalog.dir=" + trinoLocation(warehouseUri.replaceAll("/+$", "") + "_trino_metastore"));
    p.add("delta.register-table-procedure.enabled=true");
    switch (scheme) {
      case "s3a", "s3", "s3n" -> {
        p.add("fs.native-s3.enabled=true");
        p.add("s3.region=REGION");
      }
      case "abfs", "abfss" -> {
        p.add("fs.native-azure.enabled=true");
        p.add("azure.auth-type=DEFAULT");
      }
      case "gs" -> p.add("fs.native-gcs.enabled=true");
      default -> {
        // the warehouse must be the same path on every Trino node (a shared mount)
        p.add("fs.native-local.enabled=true");
        p.add("local.location=/");
      }
    }
    return p;
  }

  /** Trino's spelling of a location: {@code file:} becomes {@code local://}, {@code s3a:} {@code s3:}. */
  static String trinoLocation(String uri) {
    URI u = URI.create(uri);
    String scheme = u.getScheme() == null ? "file" : u.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> "local://" + u.getPath();
      case "s3a", "s3n" -> "s3" + uri.substring(scheme.length());
      default -> uri;
    };
  }

  /** The tables whose Delta log exists; all of them when the storage cannot be asked (no credentials here). */
  private static List<TableDef> existing(TtvConfig cfg) {
    List<TableDef> out = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      String path = cfg.tablePath(t.name());
      try {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(path, "_delta_log");
        FileSystem fs = log.getFileSystem(new Configuration());
        if (fs.exists(log)) {
          out.add(t);
        }
      } catch (IOException | RuntimeException e) {
        out.add(t);
      }
    }
    return out;
  }
}
