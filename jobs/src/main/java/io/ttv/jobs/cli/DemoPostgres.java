package io.ttv.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttv.jobs.Progress;
import io.ttv.jobs.publish.BiDatabase;
import io.ttv.jobs.publish.LocalPostgres;
import io.ttv.schemas.config.BiPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

/**
 * The demo's BI database: a PostgreSQL started from the installed package (see {@link LocalPostgres}),
 * database {@code analytics}, written into the demo's config as {@code bi.postgres} so that the run
 * publishes. It keeps running after the demo, for an analyst's tool; the next demo in the same folder
 * stops it first (the cluster's folder is kept in {@code <dir>/bi-postgres.txt}). When PostgreSQL is not
 * installed or does not start, the demo runs without publishing and says why.
 */
final class DemoPostgres {
  private final LocalPostgres pg;
  private final String version;
  private final String whyNot;

  private DemoPostgres(LocalPostgres pg, String version, String whyNot) {
    this.pg = pg;
    this.version = version;
    this.whyNot = whyNot;
  }

  static DemoPostgres startFor(Path demoDir, Path configFile) {
    Path marker = demoDir.resolve("bi-postgres.txt");
    try {
      if (Files.exists(marker)) {
        LocalPostgres.stopCluster(Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip()));
      }
    } catch (IOException | RuntimeException e) {
      // a previous demo's server that cannot be stopped only costs a port
    }
    if (LocalPostgres.binaries().isEmpty()) {
      return new DemoPostgres(null, null, "PostgreSQL is not installed: apt-get install -y postgresql, then run the demo again");
    }
    Instant start = Instant.now();
    try {
      LocalPostgres pg = LocalPostgres.start("ttv", null, true);
      Files.writeString(marker, pg.dir().toString() + "\n", StandardCharsets.UTF_8);
      String version;
      BiPostgres admin = new BiPostgres(pg.jdbcUrl("postgres"), "ttv", "ttv", null);
      try (Connection c = new BiDatabase(admin, null).connect(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE analytics");
        try (ResultSet rs = st.executeQuery("SHOW server_version")) {
          rs.next();
          version = rs.getString(1);
        }
      }
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = (ObjectNode) json.readTree(configFile.toFile());
      ObjectNode postgres = root.putObject("bi").putObject("postgres");
      postgres.put("url", pg.jdbcUrl("analytics"));
      postgres.put("schema", "ttv");
      postgres.put("user", "ttv");
      json.writeValue(configFile.toFile(), root);
      Progress.info("PostgreSQL " + version + " started on 127.0.0.1:" + pg.port() + " in " + Progress.since(start) + " (the demo publishes to it)");
      return new DemoPostgres(pg, version, null);
    } catch (IOException | java.sql.SQLException | RuntimeException e) {
      return new DemoPostgres(null, null, "PostgreSQL did not start: " + e.getMessage());
    }
  }

  boolean started() {
    return pg != null;
  }

  String whyNot() {
    return whyNot;
  }

  String version() {
    return version;
  }

  int port() {
    return pg.port();
  }

  /** What an analyst's tool takes: the url with the user (the demo's server trusts 127.0.0.1). */
  String analystUrl() {
    return pg.jdbcUrl("analytics") + "?user=ttv";
  }

  String stopCommand() {
    return pg.stopCommand();
  }
}
