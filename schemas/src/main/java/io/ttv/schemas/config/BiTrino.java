package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * {@code bi.trino}: a Trino to register the tables in.
 *
 * @param url JDBC url {@code jdbc:trino://...}, or null: {@code ttv trino-catalog} then only prints
 *     the statements
 * @param catalog the Trino catalog name ({@code ttv} by default)
 */
public record BiTrino(String url, String catalog) implements Serializable {

  public static final String DEFAULT_CATALOG = "ttv";

  public BiTrino {
    Objects.requireNonNull(catalog, "catalog");
  }
}
