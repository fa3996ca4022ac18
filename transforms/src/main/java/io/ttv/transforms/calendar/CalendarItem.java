package io.ttv.transforms.calendar;

/** What a calendar reader gives for a record: occurrences, and problems for what it cannot read. */
public sealed interface CalendarItem permits Occurrence, CalendarItem.Problem {

  /**
   * Something that cannot be used: a whole calendar (ical4j rejects it) or one event (no DTSTART, an
   * RRULE that cannot be expanded); {@code evidence} is the text to keep in quarantine.
   */
  record Problem(String reason, String evidence) implements CalendarItem {}
}
