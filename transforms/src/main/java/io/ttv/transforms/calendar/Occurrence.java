package io.ttv.transforms.calendar;

import java.time.Instant;
import java.util.List;

/**
 * One occurrence of a meeting as one calendar export shows it, before people are resolved: what a
 * reader of ICS, Google or Graph gives {@link CalendarEvents} for each occurrence inside the record's
 * window (or a {@link Problem} for what it cannot read).
 *
 * @param recurrenceId the original slot (see {@code calendar_events.recurrence_id})
 * @param timeZone IANA zone the event was written in, null for UTC, floating or unknown zones
 * @param attendees the people of this copy (organizer, attendees, the calendar's owner), rooms and
 *     resources left out, one entry per lower-case e-mail
 * @param seriesKey the source's id of the series an instance belongs to (Google recurringEventId, Graph
 *     seriesMasterId), to borrow the series' UID when the instance has none; null otherwise
 * @param itemKey the source's id of this item (Google/Graph id), null for ICS
 * @param fallbackUid the UID to use when neither the item nor its series in this export has one
 * @param isOverride an item that stands for one occurrence (a RECURRENCE-ID override, a Google instance or
 *     tombstone, a Graph occurrence or exception): it wins over the slot its series' rule generates
 * @param note a remark to count (a zone read in the owner's team zone), null when none
 */
public record Occurrence(
    String eventUid,
    String recurrenceId,
    Instant start,
    Instant end,
    String timeZone,
    boolean isAllDay,
    boolean isRecurring,
    boolean isCancelled,
    boolean isBusy,
    String organizerEmail,
    String title,
    String description,
    List<Attendee> attendees,
    String seriesKey,
    String itemKey,
    String fallbackUid,
    boolean isOverride,
    String note)
    implements CalendarItem {

  public Occurrence {
    attendees = List.copyOf(attendees);
  }

  /** One person of one copy of a meeting: their e-mail (lower case), response and role. */
  public record Attendee(String email, String response, boolean isOrganizer) implements java.io.Serializable {}
}
