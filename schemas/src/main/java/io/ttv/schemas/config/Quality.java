package io.ttv.schemas.config;

import java.io.Serializable;

/**
 * {@code quality}: the data-quality gate of contract section 7.
 *
 * @param maxQuarantineShare the largest share (0..1) of one system's dataset's records in one run
 *     that may be quarantined before the run fails with exit 3
 */
public record Quality(double maxQuarantineShare) implements Serializable {

  public static final double DEFAULT_MAX_QUARANTINE_SHARE = 0.01;

  public Quality {
    if (!(maxQuarantineShare >= 0 && maxQuarantineShare <= 1)) {
      throw new IllegalArgumentException(
          "max_quarantine_share must be between 0 and 1, got " + maxQuarantineShare);
    }
  }

  public static Quality defaults() {
    return new Quality(DEFAULT_MAX_QUARANTINE_SHARE);
  }
}
