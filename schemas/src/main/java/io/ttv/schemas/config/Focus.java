package io.ttv.schemas.config;

import java.io.Serializable;

/**
 * {@code focus}: what counts as focus time (contract 6.6).
 *
 * @param minBlockMinutes the shortest meeting-free gap in working hours that counts as focus, at
 *     least 1
 */
public record Focus(int minBlockMinutes) implements Serializable {

  public static final int DEFAULT_MIN_BLOCK_MINUTES = 120;

  public Focus {
    if (minBlockMinutes < 1) {
      throw new IllegalArgumentException(
          "min_block_minutes must be 1 or more, got " + minBlockMinutes);
    }
  }

  public static Focus defaults() {
    return new Focus(DEFAULT_MIN_BLOCK_MINUTES);
  }
}
