package io.ttv.jobs.cli;

import io.ttv.jobs.UserError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

final class Dates {
  private Dates() {}

  static LocalDate parse(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UserError(option + ": expected a date YYYY-MM-DD, got '" + value + "'");
    }
  }

  static LocalDate[] range(String date, String to) {
    LocalDate from = parse("--date", date);
    LocalDate end = to == null ? from : parse("--to", to);
    if (end.isBefore(from)) {
      throw new UserError("--to " + end + " is before --date " + from);
    }
    return new LocalDate[] {from, end};
  }
}
