package io.ttv.schemas.config;

import java.io.Serializable;

/**
 * {@code sources.<system>}: whether a system of the landing zone is read.
 *
 * @param enabled true or false when the config says so; null when it does not, which means "read it
 *     when the landing zone has a folder for it" (see {@link TtvConfig#isSourceEnabled})
 */
public record Source(Boolean enabled) implements Serializable {

  /** A system the config says nothing about. */
  public static final Source UNSET = new Source(null);

  /** Whether the system is read, given whether {@code <landing>/<system>/} exists. */
  public boolean isEnabled(boolean hasLandingFolder) {
    return enabled == null ? hasLandingFolder : enabled;
  }
}
