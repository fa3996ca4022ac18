package io.ttv.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ttv.schemas.config.Friction;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated calendars parse with ical4j and hold every kind of meeting contract 6.6 measures: series
 * with a cancelled, an excluded and a moved occurrence, release planning and cross-team API syncs whose
 * titles match the default friction rules, declines, all-day and free events, in non-UTC zones.
 */
class CalendarExportsTest {

  @TempDir static Path dir;
  private static GenerateResult result;
  private static JsonNode config;

  /** Every VEVENT of every file, with the owner's e-mail. */
  private static final List<Owned> events = new ArrayList<>();

  private static final Pattern DEPLOY_PLANNING = Pattern.compile(Friction.DEFAULT_DEPLOY_PLANNING_MEETINGS);
  private static final Pattern API = Pattern.compile(Friction.DEFAULT_API_MEETINGS);

  private record Owned(String owner, String date, VEvent event) {}

  @BeforeAll
  static void generate() throws Exception {
    // three weeks: room for the weekly meeting's excluded (week 2) and moved (week 3) occurrences
    result = SyntheticOrg.generate(new GenerateOptions(dir.resolve("org"), 12, 21, 42, GenerateOptions.DEFAULT_START));
    config = Exports.JSON.readTree(result.configFile().toFile());
    try (Stream<Path> files = Files.walk(result.landingDir().resolve("ics/calendars"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Calendar cal = new CalendarBuilder().build(new StringReader(Files.readString(f)));
        String owner = f.getParent().getFileName().toString();
        String date = f.getParent().getParent().getFileName().toString();
        for (VEvent e : cal.<VEvent>getComponents(Component.VEVENT)) {
          events.add(new Owned(owner, date, e));
        }
      }
    }
  }

  private static String value(VEvent e, String property) {
    return e.getProperty(property).map(Property::getValue).orElse(null);
  }

  private static Optional<String> param(Property p, String parameter) {
    return p.getParameter(parameter).map(Parameter::getValue);
  }

  private static List<Property> attendees(VEvent e) {
    return e.getProperties(Property.ATTENDEE);
  }

  private static String email(Property attendee) {
    return attendee.getValue().replaceFirst("(?i)^mailto:", "").toLowerCase(Locale.ROOT);
  }

  @Test
  void oneFilePerPersonAndExportDateUnderItsOwnerAndTheCalendarSourcesAreEnabled() throws IOException {
    int people = config.get("people").size();
    // 12 people: #3 (0-based) is exported by Google's API, #6 by Graph's, the other ten as ICS
    assertThat(CalendarExports.systemOf(3)).isEqualTo("google_calendar");
    assertThat(CalendarExports.systemOf(6)).isEqualTo("msgraph_calendar");
    Map<String, Integer> perSystem = Map.of("ics/calendars", (people - 2) * 21, "google_calendar/events", 21, "msgraph_calendar/events", 21);
    for (Map.Entry<String, Integer> e : perSystem.entrySet()) {
      try (Stream<Path> files = Files.walk(result.landingDir().resolve(e.getKey()))) {
        List<Path> all = files.filter(Files::isRegularFile).toList();
        assertThat(all).as(e.getKey()).hasSize(e.getValue())
            .allMatch(f -> f.getFileName().toString().equals(e.getKey().startsWith("ics") ? "calendar.ics" : "page-1.json"));
        assertThat(all).allMatch(f -> f.getParent().getFileName().toString().matches("owner=[a-z0-9.\\-]+%40[a-z0-9.\\-]+"));
        assertThat(all).allMatch(f -> f.getParent().getParent().getFileName().toString().matches("dt=\\d{4}-\\d{2}-\\d{2}"));
      }
    }
    for (String system : List.of("ics", "google_calendar", "msgraph_calendar")) {
      assertThat(config.get("sources").get(system).get("enabled").asBoolean()).as(system).isTrue();
    }
    assertThat(events).isNotEmpty();
  }

  /**
   * The Google and Graph pages tell the same meetings as the ICS files: read with ttv's own readers, the
   * team's stand-up (a cancelled occurrence) and weekly meeting (an excluded and a moved one) resolve to the
   * same occurrences for the API person as for an ICS teammate, over the Graph page's view (export date
   * plus and minus seven days).
   */
  @Test
  void googleAndGraphPagesHoldTheSameOccurrencesAsTheIcsFiles() throws IOException {
    JsonNode people = config.get("people");
    for (int api : List.of(3, 6)) {
      JsonNode person = people.get(api);
      String team = person.get("team").asText();
      JsonNode mate = null;
      for (int i = 0; i < people.size(); i++) {
        if (CalendarExports.systemOf(i).equals("ics") && people.get(i).get("team").asText().equals(team)) {
          mate = people.get(i);
          break;
        }
      }
      assertThat(mate).as("an ICS teammate of person #" + api).isNotNull();
      String date = "2026-01-15"; // the middle of the 21 days from 2026-01-05
      java.time.ZoneId zone = java.time.ZoneId.of(teamZone(team));
      java.time.Instant from = java.time.LocalDate.parse(date).minusDays(7).atStartOfDay(zone).toInstant();
      java.time.Instant to = java.time.LocalDate.parse(date).plusDays(8).atStartOfDay(zone).toInstant();
      String system = CalendarExports.systemOf(api);
      Path page = result.landingDir().resolve(system + "/events/dt=" + date + "/owner=" + encoded(person) + "/page-1.json");
      List<io.ttv.transforms.calendar.CalendarItem> apiItems = new ArrayList<>();
      for (JsonNode item : Exports.JSON.readTree(page.toFile()).get(system.equals("google_calendar") ? "items" : "value")) {
        var ctx = new io.ttv.transforms.calendar.ReadContext(email(person), zone, from, to, null);
        apiItems.addAll(system.equals("google_calendar")
            ? io.ttv.transforms.calendar.GoogleCalendarEvents.read(item.toString(), ctx)
            : io.ttv.transforms.calendar.GraphCalendarEvents.read(item.toString(), ctx));
      }
      Path ics = result.landingDir().resolve("ics/calendars/dt=" + date + "/owner=" + encoded(mate) + "/calendar.ics");
      List<io.ttv.transforms.calendar.CalendarItem> icsItems = io.ttv.transforms.calendar.IcsCalendars.read(
          Files.readString(ics), new io.ttv.transforms.calendar.ReadContext(email(mate), zone, from, to, null));
      assertThat(apiItems).as(system).noneMatch(i -> i instanceof io.ttv.transforms.calendar.CalendarItem.Problem);
      for (String prefix : List.of("standup-", "weekly-")) {
        Map<String, String> fromApi = resolved(apiItems, prefix + team + "@");
        Map<String, String> fromIcs = resolved(icsItems, prefix + team + "@");
        if (system.equals("msgraph_calendar")) {
          // a calendarView lists no occurrence an EXDATE removed (ICS and Google keep the slot as cancelled):
          // the meetings that take place are the same
          fromIcs.values().removeIf("cancelled"::equals);
          fromApi.values().removeIf("cancelled"::equals);
        }
        assertThat(fromApi).as(system + " " + prefix + team).isNotEmpty().isEqualTo(fromIcs);
      }
    }
  }

  /** recurrence id -> start, or "cancelled", of one series' occurrences; an override wins over its rule's slot. */
  private static Map<String, String> resolved(List<io.ttv.transforms.calendar.CalendarItem> items, String uidPrefix) {
    Map<String, String> seriesUid = new HashMap<>();
    for (var i : items) {
      if (i instanceof io.ttv.transforms.calendar.Occurrence o && o.itemKey() != null && o.eventUid() != null) {
        seriesUid.put(o.itemKey(), o.eventUid());
      }
    }
    Map<String, String> out = new java.util.TreeMap<>();
    Set<String> overridden = new java.util.HashSet<>();
    for (var i : items) {
      if (!(i instanceof io.ttv.transforms.calendar.Occurrence o)) {
        continue;
      }
      String uid = o.eventUid() != null ? o.eventUid() : seriesUid.get(o.seriesKey());
      if (uid == null || !uid.startsWith(uidPrefix) || (!o.isOverride() && overridden.contains(o.recurrenceId()))) {
        continue;
      }
      if (o.isOverride()) {
        overridden.add(o.recurrenceId());
      }
      out.put(o.recurrenceId(), o.isCancelled() ? "cancelled" : o.start().toString());
    }
    return out;
  }

  private static String email(JsonNode person) {
    return person.get("emails").get(0).asText().toLowerCase(Locale.ROOT);
  }

  private static String encoded(JsonNode person) {
    return java.net.URLEncoder.encode(email(person), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String teamZone(String team) {
    for (JsonNode t : config.get("teams")) {
      if (t.get("name").asText().equals(team)) {
        return t.get("timezone").asText();
      }
    }
    throw new AssertionError("no team " + team);
  }

  @Test
  void seriesWithACancelledAnExcludedAndAMovedOccurrence() {
    List<VEvent> standUps = events.stream().map(Owned::event).filter(e -> value(e, Property.SUMMARY).endsWith("stand-up")).toList();
    assertThat(standUps).anyMatch(e -> value(e, Property.RRULE) != null && value(e, Property.RRULE).contains("BYDAY=MO,TU,WE,TH,FR"));
    assertThat(standUps)
        .anyMatch(e -> value(e, Property.RECURRENCE_ID) != null && "CANCELLED".equals(value(e, Property.STATUS)));

    List<VEvent> weekly = events.stream().map(Owned::event).filter(e -> value(e, Property.SUMMARY).endsWith("weekly")).toList();
    assertThat(weekly)
        .anyMatch(e -> e.getProperty(Property.EXDATE).flatMap(x -> param(x, Parameter.TZID)).isPresent());
    // the moved occurrence: the day before its slot, same time
    assertThat(weekly)
        .anyMatch(e -> value(e, Property.RECURRENCE_ID) != null
            && !value(e, Property.RECURRENCE_ID).equals(value(e, Property.DTSTART))
            && value(e, Property.STATUS) == null);
    // rooms are attendees too (CUTYPE=ROOM), and someone declined the series
    assertThat(weekly).anyMatch(e -> attendees(e).stream().anyMatch(a -> param(a, Parameter.CUTYPE).orElse("").equals("ROOM")));
    assertThat(weekly).anyMatch(e -> attendees(e).stream().anyMatch(a -> param(a, Parameter.PARTSTAT).orElse("").equals("DECLINED")));
  }

  @Test
  void releasePlanningAndCrossTeamApiMeetingsMatchTheDefaultFrictionRules() {
    Map<String, String> teamOf = new HashMap<>();
    for (JsonNode p : config.get("people")) {
      p.get("emails").forEach(e -> teamOf.put(e.asText().toLowerCase(Locale.ROOT), p.get("team").asText()));
    }
    List<VEvent> releases =
        events.stream().map(Owned::event).filter(e -> DEPLOY_PLANNING.matcher(value(e, Property.SUMMARY)).find()).toList();
    assertThat(releases).isNotEmpty().allMatch(e -> attendees(e).size() >= 2);

    List<VEvent> apiOnly =
        events.stream()
            .map(Owned::event)
            .filter(e -> API.matcher(value(e, Property.SUMMARY)).find() && !DEPLOY_PLANNING.matcher(value(e, Property.SUMMARY)).find())
            .toList();
    Set<Integer> teamCounts = new TreeSet<>();
    for (VEvent e : apiOnly) {
      teamCounts.add((int) attendees(e).stream().map(a -> teamOf.get(email(a))).filter(t -> t != null).distinct().count());
    }
    assertThat(teamCounts).as("API meetings within one team and across two").contains(1, 2);
    assertThat(apiOnly).anyMatch(e -> attendees(e).stream().anyMatch(a -> email(a).equals(CalendarExports.GUEST_EMAIL)));
  }

  @Test
  void repliesAllDayAndFreeEventsAndNonUtcZones() {
    Set<String> replies = new TreeSet<>();
    events.forEach(o -> attendees(o.event()).forEach(a -> replies.add(param(a, Parameter.PARTSTAT).orElse("NONE"))));
    assertThat(replies).contains("ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION");

    assertThat(events)
        .anyMatch(o -> o.event().getProperty(Property.DTSTART).flatMap(p -> param(p, Parameter.VALUE)).orElse("").equals("DATE"));
    // free time with attendees (a lunch and learn) and a solo focus block
    assertThat(events).anyMatch(o -> "TRANSPARENT".equals(value(o.event(), Property.TRANSP)) && attendees(o.event()).size() >= 2);
    assertThat(events).anyMatch(o -> value(o.event(), Property.SUMMARY).equals(CalendarExports.FOCUS_TITLE) && attendees(o.event()).isEmpty());

    Set<String> zones = new TreeSet<>();
    events.forEach(o -> o.event().getProperty(Property.DTSTART).flatMap(p -> param(p, Parameter.TZID)).ifPresent(zones::add));
    assertThat(zones).hasSizeGreaterThanOrEqualTo(2).doesNotContain("UTC").contains("Europe/Berlin");
  }
}
