package io.ttv.schemas.config;

import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code cost}: the price of an engineer-hour.
 *
 * @param hourlyRate loaded cost of one engineer-hour; 0 (the default) means no rate is configured
 *     and every cost column stays null
 * @param currency ISO 4217 code of the rate, {@code USD} by default
 */
public record Cost(double hourlyRate, String currency) implements Serializable {

  public static final String DEFAULT_CURRENCY = "USD";

  public Cost {
    Objects.requireNonNull(currency, "currency");
    if (!(hourlyRate >= 0) || Double.isInfinite(hourlyRate)) {
      throw new IllegalArgumentException("hourly_rate must be 0 or more, got " + hourlyRate);
    }
  }

  public static Cost defaults() {
    return new Cost(0, DEFAULT_CURRENCY);
  }

  /** Whether costs are computed at all (a rate above 0). */
  public boolean hasRate() {
    return hourlyRate > 0;
  }

  /** The rate when one is configured; empty means every cost is null. */
  public OptionalDouble rate() {
    return hasRate() ? OptionalDouble.of(hourlyRate) : OptionalDouble.empty();
  }
}
