package io.ttv.schemas.config;

import java.io.Serializable;

/**
 * {@code bi}: where tables are published for BI tools. Both parts are optional.
 *
 * @param postgres the database {@code ttv publish} writes to; null when absent (no publish stage)
 * @param trino the Trino the tables are registered in; null when absent
 */
public record Bi(BiPostgres postgres, BiTrino trino) implements Serializable {

  public static final Bi NONE = new Bi(null, null);

  public boolean hasPostgres() {
    return postgres != null;
  }

  public boolean hasTrino() {
    return trino != null;
  }
}
