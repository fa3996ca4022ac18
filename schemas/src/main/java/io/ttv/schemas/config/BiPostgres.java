package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bi.postgres}: the BI database {@code ttv publish} writes to. The password never appears in
 * the config, only the name of the environment variable that holds it.
 *
 * @param url JDBC url, {@code jdbc:postgresql:...}
 * @param schema the schema tables are written to ({@code ttv} by default)
 * @param user database user, or null (the driver's default, or one given in the url)
 * @param passwordEnv name of the environment variable holding the password, or null (no password:
 *     trust or {@code .pgpass} authentication)
 */
public record BiPostgres(String url, String schema, String user, String passwordEnv)
    implements Serializable {

  public static final String DEFAULT_SCHEMA = "ttv";

  public BiPostgres {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(schema, "schema");
  }

  /** The password from the environment; empty when none is configured or the variable is unset. */
  public Optional<String> password() {
    return passwordEnv == null ? Optional.empty() : Optional.ofNullable(System.getenv(passwordEnv));
  }
}
