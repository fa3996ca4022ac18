package io.ttv.jobs.generate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Calendars, {@code ics/calendars/dt=D/owner=<email>/calendar.ics} (contract section 4): each person's
 * calendar as an RFC 5545 file for every export date, written with ical4j's model. The same meeting is in
 * every attendee's file with the same UID and attendee lines (the PARTSTAT of each), as Google and Outlook
 * exports show it.
 *
 * <p>What the organisation meets about, in each team's zone and working hours:
 *
 * <ul>
 *   <li>a daily stand-up (RRULE on the team's working days), one occurrence cancelled (a
 *       {@code STATUS:CANCELLED} override with its RECURRENCE-ID);
 *   <li>a weekly team meeting with a meeting room (CUTYPE=ROOM), one occurrence removed by EXDATE and one
 *       moved to the day before (an override keeping the slot's RECURRENCE-ID); one member declined the
 *       series;
 *   <li>release planning ({@code friction.deploy_planning_meetings}: "Release planning", "Go-live check",
 *       "Deploy review") on the working day before the first production deploy of each week of the team's
 *       repositories ({@link ProductionDeploys});
 *   <li>a fortnightly cross-team API sync between neighbouring teams ({@code friction.api_meetings}), at an
 *       hour inside both teams' working hours when there is one (else after hours for the second team),
 *       one of them with a guest from outside the organisation; and an API design review inside each team;
 *   <li>a lunch-and-learn marked free (TRANSP:TRANSPARENT), personal focus blocks without attendees, and a
 *       few all-day out-of-office days.
 * </ul>
 *
 * Attendees of one-off meetings accept most invitations, some decline, some are tentative or never reply.
 * The export of date D holds every series the person is in and the one-off events within
 * {@value #SYNC_DAYS} days of D (the window calendar sync tools export). Each person's file is one record.
 */
final class CalendarExports implements SourceExports {

  static final String SYSTEM = "ics";
  static final String DATASET = "calendars";
  static final String FILE = "calendar.ics";
  static final String PRODID = "-//Northwind//ttv generate//EN";

  /** One-off events this many days before or after the export date are in its file. */
  static final int SYNC_DAYS = 7;

  static final List<String> RELEASE_TITLES = List.of("Release planning: %s", "Go-live check: %s", "Deploy review: %s");
  static final String API_SYNC_TITLE = "API sync: %s / %s";
  static final String API_REVIEW_TITLE = "API design review (%s)";
  static final String STANDUP_TITLE = "%s stand-up";
  static final String WEEKLY_TITLE = "%s weekly";
  static final String LUNCH_TITLE = "Lunch & learn (%s)";
  static final String FOCUS_TITLE = "Focus time";
  static final String OUT_OF_OFFICE_TITLE = "Out of office";

  /** The guest from outside the organisation in the first API sync (an unmatched attendee). */
  static final String GUEST_EMAIL = "integrations@partner-bank.example";

  private static final double FOCUS_BLOCK_SHARE = 0.25;
  private static final double OUT_OF_OFFICE_SHARE = 0.15;
  private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  @Override
  public String system() {
    return SYSTEM;
  }

  /** One person's (or room's, or guest's) line on a meeting. */
  record Invite(String email, String name, String partStat, boolean room) {}

  /** An occurrence of a series that was moved ({@code start}) or cancelled, named by its original slot. */
  record Changed(ZonedDateTime slot, ZonedDateTime start, boolean cancelled) {}

  /** A meeting: a series (with {@code rrule}) or a one-off event, timed or all-day. */
  static final class Meeting {
    final String uid;
    final String title;
    ZonedDateTime start;
    Duration length;
    LocalDate allDay;
    String rrule;
    final List<ZonedDateTime> exdates = new ArrayList<>();
    final List<Changed> overrides = new ArrayList<>();
    Person organizer;
    final List<Invite> invites = new ArrayList<>();
    /** The person whose own event it is (no organizer, no attendees). */
    Person owner;

    boolean transparent;

    Meeting(String uid, String title) {
      this.uid = uid;
      this.title = title;
    }

    LocalDate date() {
      return allDay != null ? allDay : start.toLocalDate();
    }

    boolean involves(Person p) {
      return p.equals(owner) || p.equals(organizer) || invites.stream().anyMatch(i -> i.email().equals(p.email()));
    }
  }

  @Override
  public void write(ExportContext ctx) {
    SplittableRandom r = ctx.random();
    Organisation org = ctx.organisation();
    DateRange range = ctx.range();
    String domain = org.emailDomain();
    List<Meeting> meetings = new ArrayList<>();
    for (Team t : org.teams()) {
      List<Person> members = org.peopleOf(t.name());
      if (members.size() < 2) {
        continue;
      }
      standUp(t, members, range, domain, r, meetings);
      weekly(t, members, range, domain, r, meetings);
      apiReview(t, members, range, domain, r, meetings);
      lunchAndLearn(t, members, range, domain, r, meetings);
    }
    releasePlanning(org, ctx.deploys(), range, domain, r, meetings);
    apiSyncs(org, range, domain, r, meetings);
    personal(org, range, domain, r, meetings);
    export(ctx.landing(), org, range, meetings, exportDates != null ? exportDates : range.dates());
  }

  /** The export dates to write; null: every date of the range (what {@code ttv generate} does). */
  private final List<LocalDate> exportDates;

  CalendarExports() {
    this(null);
  }

  /** Calendars whose meetings span the whole range, exported only on {@code exportDates} (the calendar benchmark). */
  CalendarExports(List<LocalDate> exportDates) {
    this.exportDates = exportDates;
  }

  // ---------------------------------------------------------------------------------------------
  // What the organisation meets about

  private static void standUp(Team t, List<Person> members, DateRange range, String domain, SplittableRandom r, List<Meeting> out) {
    List<LocalDate> days = range.dates().stream().filter(t::isWorkingDay).toList();
    if (days.isEmpty()) {
      return;
    }
    Meeting m = new Meeting("standup-" + t.name() + "@" + domain, String.format(Locale.ROOT, STANDUP_TITLE, capitalised(t.name())));
    m.start = ZonedDateTime.of(days.get(0), t.workStart().plusMinutes(30), t.zone());
    m.length = Duration.ofMinutes(15);
    m.rrule = "FREQ=WEEKLY;BYDAY=" + byDay(t.workingDays()) + ";UNTIL=" + until(t, range);
    invite(m, members.get(0), members, null);
    if (days.size() > 1) {
      ZonedDateTime slot = ZonedDateTime.of(days.get(1 + r.nextInt(days.size() - 1)), m.start.toLocalTime(), t.zone());
      m.overrides.add(new Changed(slot, slot, true));
    }
    out.add(m);
  }

  private static void weekly(Team t, List<Person> members, DateRange range, String domain, SplittableRandom r, List<Meeting> out) {
    DayOfWeek day = t.workingDays().get(Math.min(2, t.workingDays().size() - 1));
    LocalDate first = firstOnOrAfter(range.first(), day);
    if (first.isAfter(range.last())) {
      return;
    }
    Meeting m = new Meeting("weekly-" + t.name() + "@" + domain, String.format(Locale.ROOT, WEEKLY_TITLE, capitalised(t.name())));
    m.start = ZonedDateTime.of(first, t.workStart().plusHours(5), t.zone());
    m.length = Duration.ofHours(1);
    m.rrule = "FREQ=WEEKLY;BYDAY=" + byDay(List.of(day)) + ";UNTIL=" + until(t, range);
    Person decliner = members.size() >= 3 ? members.get(1 + r.nextInt(members.size() - 1)) : null;
    invite(m, members.get(0), members, decliner);
    m.invites.add(new Invite("room-" + t.name() + "@" + domain, capitalised(t.name()) + " room", "ACCEPTED", true));
    if (!first.plusWeeks(1).isAfter(range.last())) {
      m.exdates.add(m.start.plusWeeks(1));
    }
    if (!first.plusWeeks(2).isAfter(range.last())) {
      ZonedDateTime slot = m.start.plusWeeks(2);
      m.overrides.add(new Changed(slot, slot.minusDays(1), false));
    }
    out.add(m);
  }

  /** An API meeting inside one team: category api, but not cross-team. */
  private static void apiReview(Team t, List<Person> members, DateRange range, String domain, SplittableRandom r, List<Meeting> out) {
    List<LocalDate> days = range.dates().stream().filter(t::isWorkingDay).toList();
    if (days.isEmpty()) {
      return;
    }
    LocalDate day = days.get(r.nextInt(days.size()));
    Meeting m = new Meeting("api-review-" + t.name() + "-" + day + "@" + domain, String.format(Locale.ROOT, API_REVIEW_TITLE, t.name()));
    m.start = ZonedDateTime.of(day, t.workStart().plusHours(2), t.zone());
    m.length = Duration.ofHours(1);
    inviteReplying(m, members.get(0), pick(members, 3, r), r);
    out.add(m);
  }

  /** Free time with attendees: busy for nobody. */
  private static void lunchAndLearn(Team t, List<Person> members, DateRange range, String domain, SplittableRandom r, List<Meeting> out) {
    List<LocalDate> days = range.dates().stream().filter(t::isWorkingDay).toList();
    if (days.isEmpty()) {
      return;
    }
    LocalDate day = days.get(r.nextInt(days.size()));
    Meeting m = new Meeting("lunch-" + t.name() + "-" + day + "@" + domain, String.format(Locale.ROOT, LUNCH_TITLE, t.name()));
    m.start = ZonedDateTime.of(day, LocalTime.of(12, 0), t.zone());
    m.length = Duration.ofMinutes(45);
    m.transparent = true;
    invite(m, members.get(members.size() - 1), members, null);
    out.add(m);
  }

  /**
   * The working day before the first production deploy of each week of a team's repositories (the deploy
   * day itself when the day before is outside the range): a release-planning meeting late in the day.
   */
  private static void releasePlanning(
      Organisation org, ProductionDeploys deploys, DateRange range, String domain, SplittableRandom r, List<Meeting> out) {
    Map<String, TreeMap<LocalDate, ProductionDeploys.Deploy>> firstPerWeek = new TreeMap<>();
    for (ProductionDeploys.Deploy d : deploys.all()) {
      Team t = teamNamed(org, d.repo().team());
      if (t == null || org.peopleOf(t.name()).size() < 2) {
        continue;
      }
      LocalDate day = t.localDate(d.finishedAt());
      LocalDate week = day.minusDays(day.getDayOfWeek().getValue() - 1);
      firstPerWeek.computeIfAbsent(t.name(), k -> new TreeMap<>()).putIfAbsent(week, d);
    }
    for (Map.Entry<String, TreeMap<LocalDate, ProductionDeploys.Deploy>> team : firstPerWeek.entrySet()) {
      Team t = teamNamed(org, team.getKey());
      List<Person> members = org.peopleOf(t.name());
      for (ProductionDeploys.Deploy d : team.getValue().values()) {
        LocalDate deployDay = t.localDate(d.finishedAt());
        LocalDate day = deployDay.minusDays(1);
        while (!t.isWorkingDay(day)) {
          day = day.minusDays(1);
        }
        if (day.isBefore(range.first())) {
          day = deployDay;
        }
        if (day.isBefore(range.first()) || day.isAfter(range.last())) {
          continue;
        }
        String title = String.format(Locale.ROOT, RELEASE_TITLES.get(r.nextInt(RELEASE_TITLES.size())), d.repo().name());
        Meeting m = new Meeting("release-" + d.repo().name() + "-" + day + "@" + domain, title);
        m.start = ZonedDateTime.of(day, t.workEnd().minusHours(2), t.zone());
        m.length = Duration.ofMinutes(45);
        inviteReplying(m, members.get(0), pick(members, 2 + r.nextInt(2), r), r);
        out.add(m);
      }
    }
  }

  /** Neighbouring teams (1-2, 2-3, ...) meet every other week about the APIs between them. */
  private static void apiSyncs(Organisation org, DateRange range, String domain, SplittableRandom r, List<Meeting> out) {
    List<Team> teams = org.teams().stream().filter(t -> org.peopleOf(t.name()).size() >= 2).toList();
    for (int i = 0; i + 1 < teams.size(); i++) {
      Team a = teams.get(i);
      Team b = teams.get(i + 1);
      DayOfWeek day = a.workingDays().get(Math.min(1, a.workingDays().size() - 1));
      LocalDate first = firstOnOrAfter(range.first(), day);
      if (first.isAfter(range.last())) {
        continue;
      }
      Meeting m = new Meeting("api-sync-" + a.name() + "-" + b.name() + "@" + domain, String.format(Locale.ROOT, API_SYNC_TITLE, a.name(), b.name()));
      m.start = sharedSlot(a, b, first, Duration.ofMinutes(45));
      m.length = Duration.ofMinutes(45);
      m.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + byDay(List.of(day)) + ";UNTIL=" + until(a, range);
      List<Person> people = new ArrayList<>(org.peopleOf(a.name()).subList(0, 2));
      people.addAll(org.peopleOf(b.name()).subList(0, 2));
      invite(m, people.get(0), people, null);
      if (i == 0) {
        m.invites.add(new Invite(GUEST_EMAIL, "Partner Bank integrations", "ACCEPTED", false));
      }
      out.add(m);
    }
  }

  /** Personal events: weekly focus blocks (no attendees: never a meeting) and all-day out-of-office days. */
  private static void personal(Organisation org, DateRange range, String domain, SplittableRandom r, List<Meeting> out) {
    for (Person p : org.people()) {
      if (p.team() == null) {
        continue;
      }
      Team t = org.scheduleOf(p);
      if (r.nextDouble() < FOCUS_BLOCK_SHARE) {
        DayOfWeek day = t.workingDays().get(r.nextInt(t.workingDays().size()));
        LocalDate first = firstOnOrAfter(range.first(), day);
        if (!first.isAfter(range.last())) {
          Meeting m = new Meeting("focus-" + p.id() + "@" + domain, FOCUS_TITLE);
          m.start = ZonedDateTime.of(first, t.workStart().plusHours(1), t.zone());
          m.length = Duration.ofHours(2);
          m.rrule = "FREQ=WEEKLY;BYDAY=" + byDay(List.of(day)) + ";UNTIL=" + until(t, range);
          m.owner = p;
          out.add(m);
        }
      }
      if (r.nextDouble() < OUT_OF_OFFICE_SHARE) {
        LocalDate day = range.first().plusDays(r.nextInt(range.days()));
        Meeting m = new Meeting("ooo-" + p.id() + "-" + day + "@" + domain, OUT_OF_OFFICE_TITLE);
        m.allDay = day;
        m.transparent = true;
        m.owner = p;
        out.add(m);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Invitations

  /** Everyone accepts, except {@code decliner} (may be null); the organizer is the first attendee, as Google writes. */
  private static void invite(Meeting m, Person organizer, List<Person> people, Person decliner) {
    m.organizer = organizer;
    m.invites.add(new Invite(organizer.email(), organizer.name(), "ACCEPTED", false));
    for (Person p : people) {
      if (!p.equals(organizer)) {
        m.invites.add(new Invite(p.email(), p.name(), p.equals(decliner) ? "DECLINED" : "ACCEPTED", false));
      }
    }
  }

  /** One-off invitations: most accept, about 12% decline, 8% are tentative, 8% never reply. */
  private static void inviteReplying(Meeting m, Person organizer, List<Person> people, SplittableRandom r) {
    m.organizer = organizer;
    m.invites.add(new Invite(organizer.email(), organizer.name(), "ACCEPTED", false));
    for (Person p : people) {
      if (p.equals(organizer)) {
        continue;
      }
      double x = r.nextDouble();
      String reply = x < 0.12 ? "DECLINED" : x < 0.20 ? "TENTATIVE" : x < 0.28 ? "NEEDS-ACTION" : "ACCEPTED";
      m.invites.add(new Invite(p.email(), p.name(), reply, false));
    }
  }

  /** {@code n} distinct people of {@code members} in their order (fewer when the team is smaller). */
  private static List<Person> pick(List<Person> members, int n, SplittableRandom r) {
    List<Person> pool = new ArrayList<>(members);
    List<Person> picked = new ArrayList<>();
    while (picked.size() < n && !pool.isEmpty()) {
      picked.add(pool.remove(r.nextInt(pool.size())));
    }
    picked.sort(Comparator.comparingInt(members::indexOf));
    return picked;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  private static void export(Landing landing, Organisation org, DateRange range, List<Meeting> meetings, List<LocalDate> exportDates) {
    Instant stamp = Instant.ofEpochSecond(range.startEpoch()).minus(Duration.ofDays(1));
    Map<ZoneId, VTimeZone> zones = new LinkedHashMap<>();
    for (int i = 0; i < org.people().size(); i++) {
      Person p = org.people().get(i);
      List<Meeting> mine = meetings.stream().filter(m -> m.involves(p)).toList();
      String system = systemOf(i);
      if (!system.equals(SYSTEM)) {
        CalendarApiPages pages = new CalendarApiPages(p, org.scheduleOf(p).zone(), stamp);
        for (LocalDate d : exportDates) {
          List<Meeting> exported = exportedOn(mine, d);
          boolean google = system.equals(CalendarApiPages.GOOGLE);
          byte[] page = google ? pages.googleEventsPage(exported) : pages.graphCalendarView(exported, d, SYNC_DAYS);
          Path file = landing.partition(system, CalendarApiPages.DATASET, d, "owner", p.email()).resolve("page-1.json");
          landing.write(system, CalendarApiPages.DATASET, file, page, pages.lastItemCount());
        }
        continue;
      }
      for (LocalDate d : exportDates) {
        Calendar cal = new Calendar().withProdId(PRODID).withDefaults().getFluentTarget();
        List<Meeting> exported = exportedOn(mine, d);
        exported.stream()
            .filter(m -> m.start != null)
            .map(m -> m.start.getZone())
            .distinct()
            .sorted(Comparator.comparing(ZoneId::getId))
            .forEach(z -> cal.add(zones.computeIfAbsent(z, k -> vtimezone(k, range)).copy()));
        for (Meeting m : exported) {
          cal.add(event(m, m.start, null, false, stamp));
          for (Changed o : m.overrides) {
            cal.add(event(m, o.start(), o.slot(), o.cancelled(), stamp));
          }
        }
        Path file = landing.partition(SYSTEM, DATASET, d, "owner", p.email()).resolve(FILE);
        landing.write(SYSTEM, DATASET, file, text(cal).getBytes(StandardCharsets.UTF_8), 1);
      }
    }
  }

  /**
   * Which calendar system a person's calendar is exported from: most people's as ICS, every tenth from the
   * fourth on by Google Calendar's API, every tenth from the seventh on by Microsoft Graph's.
   */
  static String systemOf(int personIndex) {
    return switch (personIndex % 10) {
      case 3 -> CalendarApiPages.GOOGLE;
      case 6 -> CalendarApiPages.GRAPH;
      default -> SYSTEM;
    };
  }

  /** The systems whose folders the calendars land in. */
  @Override
  public List<String> systems() {
    return List.of(SYSTEM, CalendarApiPages.GOOGLE, CalendarApiPages.GRAPH);
  }

  /** A person's series, and their one-off events within {@value #SYNC_DAYS} days of the export date {@code d}. */
  private static List<Meeting> exportedOn(List<Meeting> mine, LocalDate d) {
    return mine.stream().filter(m -> m.rrule != null || Math.abs(ChronoUnit.DAYS.between(d, m.date())) <= SYNC_DAYS).toList();
  }

  /** The VEVENT of a meeting, or of one of its overrides ({@code slot} not null). */
  static VEvent event(Meeting m, ZonedDateTime start, ZonedDateTime slot, boolean cancelled, Instant stamp) {
    VEvent e = m.allDay != null ? new VEvent(m.allDay, m.allDay.plusDays(1), m.title) : new VEvent(start, start.plus(m.length), m.title);
    e.replace(new DtStamp(stamp)); // the constructor stamps the wall clock; generated files never depend on it
    e.add(new Uid(m.uid));
    if (slot != null) {
      e.add(new RecurrenceId<>(slot));
    } else {
      if (m.rrule != null) {
        e.add(new RRule<>(m.rrule));
      }
      if (!m.exdates.isEmpty()) {
        ParameterList tz = new ParameterList(List.of(new net.fortuna.ical4j.model.parameter.TzId(m.start.getZone().getId())));
        e.add(new ExDate<>(tz, new DateList<>(m.exdates)));
      }
    }
    if (m.organizer != null) {
      Organizer organizer = new Organizer("mailto:" + m.organizer.email());
      organizer.add(new Cn(m.organizer.name()));
      e.add(organizer);
    }
    for (Invite i : m.invites) {
      Attendee a = new Attendee("mailto:" + i.email());
      a.add(i.room() ? CuType.ROOM : CuType.INDIVIDUAL);
      a.add(i.room() ? Role.NON_PARTICIPANT : Role.REQ_PARTICIPANT);
      a.add(new PartStat(i.partStat()));
      a.add(new Cn(i.name()));
      e.add(a);
    }
    e.add(new Transp(m.transparent ? Transp.VALUE_TRANSPARENT : Transp.VALUE_OPAQUE));
    if (cancelled) {
      e.add(new Status(Status.VALUE_CANCELLED));
    }
    return e;
  }

  /**
   * A VTIMEZONE from the zone database, as small as Google's: the observance in force a year before the
   * range, then every transition until a year after it.
   */
  private static VTimeZone vtimezone(ZoneId zone, DateRange range) {
    ZoneRules rules = zone.getRules();
    Instant from = Instant.ofEpochSecond(range.startEpoch()).minus(Duration.ofDays(366));
    Instant to = Instant.ofEpochSecond(range.endEpoch()).plus(Duration.ofDays(366));
    VTimeZone tz = new VTimeZone();
    tz.add(new net.fortuna.ical4j.model.property.TzId(zone.getId()));
    ZoneOffset now = rules.getOffset(from);
    tz.add(observance(rules.isDaylightSavings(from), LocalDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.DAYS), now, now));
    for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(to); t = rules.nextTransition(t.getInstant())) {
      tz.add(observance(rules.isDaylightSavings(t.getInstant()), t.getDateTimeBefore(), t.getOffsetBefore(), t.getOffsetAfter()));
    }
    return tz;
  }

  private static Observance observance(boolean daylight, LocalDateTime start, ZoneOffset before, ZoneOffset after) {
    Observance o = daylight ? new Daylight() : new Standard();
    o.add(new DtStart<>(start));
    o.add(new TzOffsetFrom(before));
    o.add(new TzOffsetTo(after));
    return o;
  }

  private static String text(Calendar cal) {
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(false).output(cal, out); // folds lines at 75 octets, CRLF endings
    } catch (IOException | ValidationException e) {
      throw new UncheckedIOException(new IOException("cannot write a calendar: " + e.getMessage(), e));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Dates and times

  /** The first half-hour slot inside both teams' working time on {@code day}; else a's first hour. */
  private static ZonedDateTime sharedSlot(Team a, Team b, LocalDate day, Duration length) {
    ZonedDateTime s = ZonedDateTime.of(day, a.workStart(), a.zone());
    ZonedDateTime last = ZonedDateTime.of(day, a.workEnd(), a.zone()).minus(length);
    for (; !s.isAfter(last); s = s.plusMinutes(30)) {
      ZonedDateTime inB = s.withZoneSameInstant(b.zone());
      ZonedDateTime endInB = inB.plus(length);
      if (b.isWorkingDay(inB.toLocalDate())
          && endInB.toLocalDate().equals(inB.toLocalDate())
          && !inB.toLocalTime().isBefore(b.workStart())
          && !endInB.toLocalTime().isAfter(b.workEnd())) {
        return s;
      }
    }
    return ZonedDateTime.of(day, a.workStart(), a.zone());
  }

  /** RRULE's UNTIL: the end of the range's last local date, in UTC (RFC 5545 with a TZID DTSTART). */
  private static String until(Team t, DateRange range) {
    return ZonedDateTime.of(range.last(), LocalTime.of(23, 59, 59), t.zone()).withZoneSameInstant(ZoneOffset.UTC).format(UTC_STAMP);
  }

  private static String byDay(List<DayOfWeek> days) {
    StringBuilder b = new StringBuilder();
    for (DayOfWeek d : days) {
      b.append(b.length() == 0 ? "" : ",").append(d.name(), 0, 2);
    }
    return b.toString();
  }

  private static LocalDate firstOnOrAfter(LocalDate from, DayOfWeek day) {
    return from.plusDays((day.getValue() - from.getDayOfWeek().getValue() + 7) % 7);
  }

  private static Team teamNamed(Organisation org, String name) {
    return org.teams().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
