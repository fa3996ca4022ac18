package io.ttv.schemas.config;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code teams[]}: a team and its working time, against which friction is clipped (contract 6.7).
 *
 * <p>Working hours lie within one local day ({@code end} after {@code start}); night shifts that
 * cross midnight are not supported.
 *
 * @param name the team's name, as people and services refer to it
 * @param zone the IANA zone of the team's local dates and working hours
 * @param start local start of the working day
 * @param end local end of the working day, after {@code start}
 * @param workingDays the days of the week the team works, at least one (iterates MON..SUN)
 */
public record Team(
    String name, ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> workingDays)
    implements Serializable {

  public static final LocalTime DEFAULT_START = LocalTime.of(9, 0);
  public static final LocalTime DEFAULT_END = LocalTime.of(17, 0);
  public static final Set<DayOfWeek> DEFAULT_WORKING_DAYS =
      Collections.unmodifiableSet(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

  /**
   * The name friction is charged to when no team of the config owns it (contract 6.7), so no
   * configured team may take it.
   */
  public static final String UNASSIGNED = "unassigned";

  public Team {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(workingDays, "workingDays");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a team name must not be empty");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "team " + name + ": working hours must end after they start (" + start + "-" + end + ")");
    }
    if (workingDays.isEmpty()) {
      throw new IllegalArgumentException("team " + name + ": needs at least one working day");
    }
    workingDays = Collections.unmodifiableSet(EnumSet.copyOf(workingDays));
  }

  /** A team with the default working time (09:00-17:00, MON-FRI) in {@code zone}. */
  public static Team withDefaults(String name, ZoneId zone) {
    return new Team(name, zone, DEFAULT_START, DEFAULT_END, DEFAULT_WORKING_DAYS);
  }

  public boolean isWorkingDay(DayOfWeek day) {
    return workingDays.contains(day);
  }

  /** Length of one working day (8 hours by default). */
  public Duration workingDayLength() {
    return Duration.between(start, end);
  }
}
