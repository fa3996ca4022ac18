package io.ttv.jobs.publish;

import io.ttv.schemas.config.BiPostgres;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to the {@code bi.postgres} database, and the one-line messages of what goes wrong there. The
 * password comes from the caller (read from the environment variable {@code bi.postgres.password_env}
 * names) and appears in no message.
 */
public final class BiDatabase {
  private final BiPostgres config;
  private final String password;
  private final String host;

  /**
   * @param password the password, or null for none (trust or {@code .pgpass} authentication)
   */
  public BiDatabase(BiPostgres config, String password) {
    this.config = config;
    this.password = password;
    Properties parsed = org.postgresql.Driver.parseURL(config.url(), null);
    if (parsed == null) {
      throw new PublishFailed("bi.postgres.url: not a PostgreSQL JDBC url the driver understands: " + config.url());
    }
    this.host = parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432");
  }

  /**
   * The password {@code bi.postgres.password_env} points at: null when no variable is named; a variable
   * that is named but unset is a mistake the user can fix, said before anything starts.
   */
  public static String passwordFromEnvironment(BiPostgres config) {
    if (config.passwordEnv() == null) {
      return null;
    }
    String value = System.getenv(config.passwordEnv());
    if (value == null) {
      throw new PublishFailed(
          "bi.postgres.password_env: the environment variable " + config.passwordEnv() + " is not set (it must hold the password of "
              + (config.user() == null ? "the database user" : "user '" + config.user() + "'") + ")");
    }
    return value;
  }

  public BiPostgres config() {
    return config;
  }

  /** {@code host:port} of the url, for messages. */
  public String host() {
    return host;
  }

  public Connection connect() {
    Properties props = new Properties();
    if (config.user() != null) {
      props.setProperty("user", config.user());
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "ttv publish");
    props.setProperty("connectTimeout", "15");
    props.setProperty("socketTimeout", "0");
    try {
      Connection c = new org.postgresql.Driver().connect(config.url(), props);
      if (c == null) {
        throw new PublishFailed("bi.postgres.url: not a PostgreSQL JDBC url: " + config.url());
      }
      return c;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A one-line message naming the key to look at and the host; the cause stays attached for --debug readers. */
  public PublishFailed failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String user = config.user() == null ? "(the driver's default user)" : "'" + config.user() + "'";
    String first = firstLine(e.getMessage());
    if (state.equals("28P01") || state.equals("28000")) {
      return new PublishFailed(
          "bi.postgres.user / bi.postgres.password_env: PostgreSQL at " + host + " refused user " + user + " (" + first + ")"
              + (config.passwordEnv() == null ? "; no password_env is configured" : "; check the password in $" + config.passwordEnv()),
          e);
    }
    if (state.equals("3D000")) {
      return new PublishFailed("bi.postgres.url: " + first + " at " + host, e);
    }
    if (state.equals("42501")) {
      return new PublishFailed(
          "bi.postgres.schema: user " + user + " may not write to schema '" + config.schema() + "' at " + host + " (" + first
              + "); use a schema the user owns, or have its owner grant USAGE, CREATE and write rights",
          e);
    }
    if (state.startsWith("08") || hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)
        || hasCause(e, java.net.SocketTimeoutException.class)) {
      return new PublishFailed("bi.postgres.url: cannot reach PostgreSQL at " + host + " (" + first + ")", e);
    }
    return new PublishFailed("bi.postgres: PostgreSQL at " + host + " failed: " + first + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]"), e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
