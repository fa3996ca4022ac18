package io.ttv.jobs.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A team: its time zone and working time (what {@code teams[]} of the config says), and the key of its
 * issue project, which branch names and commit messages mention.
 */
public record Team(
    String name,
    ZoneId zone,
    LocalTime workStart,
    LocalTime workEnd,
    List<DayOfWeek> workingDays,
    String issueKey) {

  public Team {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(workStart, "workStart");
    Objects.requireNonNull(workEnd, "workEnd");
    Objects.requireNonNull(issueKey, "issueKey");
    workingDays = List.copyOf(workingDays);
    if (!workEnd.isAfter(workStart)) {
      throw new IllegalArgumentException("team " + name + ": working hours end before they start");
    }
  }

  public boolean isWorkingDay(LocalDate date) {
    return workingDays.contains(date.getDayOfWeek());
  }

  /** Length of a working day in seconds. */
  long workSeconds() {
    return workEnd.toSecondOfDay() - workStart.toSecondOfDay();
  }

  long epochAt(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, zone).toEpochSecond();
  }

  long workStartEpoch(LocalDate date) {
    return epochAt(date, workStart);
  }

  long workEndEpoch(LocalDate date) {
    return epochAt(date, workEnd);
  }

  LocalDate localDate(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate();
  }

  /** {@code epochSecond} itself when it falls in working time, else the start of the next working day. */
  long nextWorkingMoment(long epochSecond) {
    LocalDate date = localDate(epochSecond);
    if (isWorkingDay(date)
        && epochSecond >= workStartEpoch(date)
        && epochSecond < workEndEpoch(date)) {
      return epochSecond;
    }
    if (isWorkingDay(date) && epochSecond < workStartEpoch(date)) {
      return workStartEpoch(date);
    }
    LocalDate next = date.plusDays(1);
    while (!isWorkingDay(next)) {
      next = next.plusDays(1);
    }
    return workStartEpoch(next);
  }

  /** The start of the first working day after the local date of {@code epochSecond}. */
  long nextWorkingDayStart(long epochSecond) {
    LocalDate next = localDate(epochSecond).plusDays(1);
    while (!isWorkingDay(next)) {
      next = next.plusDays(1);
    }
    return workStartEpoch(next);
  }
}
