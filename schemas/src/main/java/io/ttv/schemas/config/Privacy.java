package io.ttv.schemas.config;

import java.io.Serializable;

/**
 * {@code privacy}.
 *
 * @param keepMeetingTitles store meeting titles and descriptions in {@code calendar_events}; when
 *     false (the default) only the category a meeting matched is kept
 */
public record Privacy(boolean keepMeetingTitles) implements Serializable {

  public static Privacy defaults() {
    return new Privacy(false);
  }
}
