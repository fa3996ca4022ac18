package io.ttv.transforms.calendar;

import static io.ttv.schemas.tables.CalendarEventsTable.*;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.schemas.tables.RawTables;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The three calendar sources -> {@code calendar_events}: raw records (an {@code .ics} file, a Google
 * {@code events.list} item, a Graph event) are expanded into occurrences inside their window
 * ({@link CalendarWindow}) by a flatMap on the executors, with a row encoder of {@link #OCCURRENCES}; people
 * are then resolved with {@link Identities} ({@code email:<address>} when unlisted) and the friction rules
 * give the category. One row per occurrence and copy: the same meeting read from three attendees'
 * exports is three rows with one key, and the newest export wins the MERGE ({@link
 * NormalizedRows#onlyValidNewest}); {@link CalendarAttendance} keeps each person's own copy.
 */
public final class CalendarEvents {
  private CalendarEvents() {}

  /** Not stored: the people of the row's copy, each with person_id (feeds calendar_attendance). */
  public static final String PEOPLE = "_people";

  /** Not stored: the e-mails of the row's people (the identities counted in the run summary). */
  public static final String EMAILS = "_emails";

  /** Not stored: the calendar owner's person. */
  public static final String OWNER_PERSON = "_owner_person";

  private static final String ATTENDEES = "_attendees";
  private static final String SERIES_KEY = "_series_key";
  private static final String ITEM_KEY = "_item_key";
  private static final String FALLBACK_UID = "_fallback_uid";
  private static final String IS_OVERRIDE = "_is_override";
  private static final String FALLBACK_ZONE = "_fallback_zone";

  private static final StructType ATTENDEE =
      new StructType().add("email", DataTypes.StringType).add("response", DataTypes.StringType).add("is_organizer", DataTypes.BooleanType);

  /** What the flatMap gives: one row per occurrence, or per problem (keys null, {@code _problem} set). */
  public static final StructType OCCURRENCES =
      new StructType()
          .add(EVENT_UID, DataTypes.StringType)
          .add(RECURRENCE_ID, DataTypes.StringType)
          .add(START_AT, DataTypes.TimestampType)
          .add(END_AT, DataTypes.TimestampType)
          .add(TIME_ZONE, DataTypes.StringType)
          .add(IS_ALL_DAY, DataTypes.BooleanType)
          .add(IS_RECURRING, DataTypes.BooleanType)
          .add(IS_CANCELLED, DataTypes.BooleanType)
          .add(IS_BUSY, DataTypes.BooleanType)
          .add(ORGANIZER_EMAIL, DataTypes.StringType)
          .add(TITLE, DataTypes.StringType)
          .add(DESCRIPTION, DataTypes.StringType)
          .add(ATTENDEES, DataTypes.createArrayType(ATTENDEE))
          .add(SERIES_KEY, DataTypes.StringType)
          .add(ITEM_KEY, DataTypes.StringType)
          .add(FALLBACK_UID, DataTypes.StringType)
          .add(IS_OVERRIDE, DataTypes.BooleanType)
          .add(CalendarWindow.OWNER, DataTypes.StringType)
          .add(LineageColumns.EXPORT_DATE, DataTypes.DateType)
          .add(LineageColumns.SOURCE_FILE, DataTypes.StringType)
          .add(LineageColumns.SOURCE_POSITION, DataTypes.LongType)
          .add(NormalizedRows.PROBLEM, DataTypes.StringType)
          .add(NormalizedRows.RECORD, DataTypes.StringType)
          .add(NormalizedRows.NOTE, DataTypes.StringType);

  private static final DateTimeFormatter RECURRENCE_ID_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

  /** {@code calendar_events.recurrence_id} of a slot: its UTC start, or its date when all-day. */
  public static String recurrenceId(Temporal slot) {
    if (slot instanceof LocalDate d) {
      return d.toString();
    }
    return LocalDateTime.ofInstant(Instant.from(slot), ZoneOffset.UTC).format(RECURRENCE_ID_FORMAT);
  }

  /** The normaliser of one calendar system ({@code ics}, {@code google_calendar}, {@code msgraph_calendar}). */
  public static Dataset<Row> normalize(String system, Dataset<Row> raw, TtvConfig config, LocalDate from, LocalDate to) {
    Dataset<Row> windowed =
        CalendarWindow.withWindow(raw, from, to, config.lateDataDays()).withColumn(FALLBACK_ZONE, ownerZone(col(CalendarWindow.OWNER), config));
    Dataset<Row> occurrences = windowed.flatMap(new Expander(system), Encoders.row(OCCURRENCES));
    return withPeople(onlyOverridesOverSlots(withSeriesUid(occurrences, system)), system, config);
  }

  /**
   * The zone floating and unknown times of an owner's calendar are read in: the team zone of the person
   * whose e-mail the owner is, else the reporting zone.
   */
  static Column ownerZone(Column owner, TtvConfig config) {
    Map<String, String> zones = new LinkedHashMap<>();
    for (Person p : config.people()) {
      for (String e : p.emails()) {
        zones.putIfAbsent(e.toLowerCase(Locale.ROOT), config.zoneOf(p.team()).getId());
      }
    }
    Column fallback = lit(config.reportingZone().getId());
    return zones.isEmpty() ? fallback : coalesce(try_element_at(literalMap(zones), owner), fallback);
  }

  /**
   * Google cancelled instances and Graph occurrences may name no UID: they borrow their series' UID from
   * the same export (by {@code recurringEventId} / {@code seriesMasterId}), else the reader's fallback,
   * noted.
   */
  private static Dataset<Row> withSeriesUid(Dataset<Row> occ, String system) {
    if (system.equals(ICS)) {
      return occ;
    }
    Dataset<Row> series =
        occ.where(col(ITEM_KEY).isNotNull().and(col(EVENT_UID).isNotNull()))
            .groupBy(col(CalendarWindow.OWNER).as("_s_owner"), col(LineageColumns.EXPORT_DATE).as("_s_date"), col(ITEM_KEY).as("_s_key"))
            .agg(first(col(EVENT_UID)).as("_s_uid"));
    Dataset<Row> joined =
        occ.join(
            series,
            col(CalendarWindow.OWNER).eqNullSafe(col("_s_owner"))
                .and(col(LineageColumns.EXPORT_DATE).equalTo(col("_s_date")))
                .and(col(SERIES_KEY).equalTo(col("_s_key"))),
            "left");
    Column missing = col(EVENT_UID).isNull().and(col(NormalizedRows.PROBLEM).isNull());
    Column uid = coalesce(col(EVENT_UID), col("_s_uid"), col(FALLBACK_UID));
    Column note =
        when(missing.and(col("_s_uid").isNull()).and(col(FALLBACK_UID).isNotNull()),
                lit("instance without a UID whose series is not in the same export (keyed by the source's id)"))
            .otherwise(col(NormalizedRows.NOTE));
    Column problem =
        when(missing.and(col("_s_uid").isNull()).and(col(FALLBACK_UID).isNull()), lit("event has no iCalendar UID and no series to take it from"))
            .otherwise(col(NormalizedRows.PROBLEM));
    return joined
        .withColumn(EVENT_UID, uid)
        .withColumn(NormalizedRows.NOTE, note)
        .withColumn(NormalizedRows.PROBLEM, problem)
        .drop("_s_owner", "_s_date", "_s_key", "_s_uid");
  }

  /**
   * Within one owner's export, an item that stands for one occurrence (an override, an instance, a
   * tombstone) replaces the slot its series' rule generates for the same recurrence id (Google and Graph
   * list them as separate items, possibly on other pages). Problems pass.
   */
  private static Dataset<Row> onlyOverridesOverSlots(Dataset<Row> occ) {
    // one pass (no union of two filters, which would run the expansion twice)
    return occ.withColumn(
            "_slot_rank",
            row_number()
                .over(
                    Window.partitionBy(col(CalendarWindow.OWNER), col(LineageColumns.EXPORT_DATE), col(EVENT_UID), col(RECURRENCE_ID))
                        .orderBy(col(IS_OVERRIDE).desc(), col(LineageColumns.SOURCE_FILE).desc(), col(LineageColumns.SOURCE_POSITION).desc())))
        .where(col(NormalizedRows.PROBLEM).isNotNull().or(col("_slot_rank").equalTo(1)))
        .drop("_slot_rank");
  }

  /** The table's columns, plus {@link #PEOPLE}, {@link #EMAILS}, {@link #OWNER_PERSON} and the problem columns. */
  private static Dataset<Row> withPeople(Dataset<Row> occ, String system, TtvConfig config) {
    List<Person> people = config.people();
    Map<String, String> teams = new LinkedHashMap<>();
    for (Person p : people) {
      if (p.team() != null) {
        teams.put(p.id(), p.team());
      }
    }
    Column teamMap = teams.isEmpty() ? null : literalMap(teams);
    Column withIds =
        transform(
            col(ATTENDEES),
            a ->
                struct(
                    a.getField("email").as("email"),
                    a.getField("response").as("response"),
                    a.getField("is_organizer").as("is_organizer"),
                    Identities.personId("email", lit(null), a.getField("email"), people).as("person_id")));
    Column organizerPerson = try_element_at(filter(col(PEOPLE), p -> p.getField("is_organizer")), lit(1)).getField("person_id");
    Column attending = filter(col(PEOPLE), p -> p.getField("response").notEqual(lit(Attendees.DECLINED)));
    Column teamsOf =
        teamMap == null
            ? org.apache.spark.sql.functions.array().cast("array<string>")
            : array_sort(array_distinct(filter(transform(attending, p -> try_element_at(teamMap, p.getField("person_id"))), t -> t.isNotNull())));
    Column title = col(TITLE);
    Column description = col(DESCRIPTION);
    Column apiTopic =
        coalesce(title.rlike(config.friction().apiMeetings().source()), lit(false))
            .or(coalesce(description.rlike(config.friction().apiMeetings().source()), lit(false)));
    Column category =
        when(title.rlike(config.friction().deployPlanningMeetings().source()).or(description.rlike(config.friction().deployPlanningMeetings().source())),
                lit(DEPLOY_PLANNING))
            .when(apiTopic, lit(API))
            .otherwise(lit(OTHER));
    boolean keep = config.privacy().keepMeetingTitles();
    return occ.withColumn(PEOPLE, withIds)
        .select(
            col(EVENT_UID),
            col(RECURRENCE_ID),
            lit(system).as(SOURCE_SYSTEM),
            col(START_AT),
            col(END_AT),
            col(TIME_ZONE),
            col(IS_ALL_DAY),
            col(IS_RECURRING),
            col(IS_CANCELLED),
            col(IS_BUSY),
            col(ORGANIZER_EMAIL),
            organizerPerson.as(ORGANIZER_PERSON_ID),
            coalesce(size(array_distinct(transform(col(PEOPLE), p -> p.getField("person_id")))), lit(0)).as(ATTENDEE_COUNT),
            teamsOf.as(TEAMS),
            category.as(CATEGORY),
            apiTopic.as(IS_API_TOPIC),
            (keep ? title : lit(null).cast("string")).as(TITLE),
            (keep ? description : lit(null).cast("string")).as(DESCRIPTION),
            col(LineageColumns.EXPORT_DATE),
            col(LineageColumns.SOURCE_FILE),
            col(LineageColumns.SOURCE_POSITION),
            col(NormalizedRows.PROBLEM),
            col(NormalizedRows.RECORD),
            when(col(NormalizedRows.PROBLEM).isNull(), col(NormalizedRows.NOTE)).as(NormalizedRows.NOTE),
            col(PEOPLE),
            transform(col(PEOPLE), p -> p.getField("email")).as(EMAILS),
            Identities.personId("email", lit(null), col(CalendarWindow.OWNER), people).as(OWNER_PERSON));
  }

  static Column literalMap(Map<String, String> m) {
    List<Column> kv = new ArrayList<>();
    m.forEach(
        (k, v) -> {
          kv.add(lit(k));
          kv.add(lit(v));
        });
    return map(kv.toArray(Column[]::new));
  }

  /**
   * Runs on the executors: one raw record (with its window) -> its occurrences and problems. A record
   * without an {@code owner=} folder is one problem: whose calendar it is decides attendance.
   */
  static final class Expander implements FlatMapFunction<Row, Row> {
    private final String system;

    Expander(String system) {
      this.system = system;
    }

    @Override
    public Iterator<Row> call(Row r) {
      String owner = r.getAs(CalendarWindow.OWNER);
      String text = r.getAs(RawTables.RECORD);
      java.sql.Date exportDate = r.getAs(RawTables.EXPORT_DATE);
      String file = r.getAs(RawTables.SOURCE_FILE);
      Long position = r.getAs(RawTables.POSITION);
      List<Row> out = new ArrayList<>();
      List<CalendarItem> items;
      if (owner == null) {
        items = List.of(new CalendarItem.Problem("the export is in no owner=<email> folder, so whose calendar it is is unknown", evidence(text)));
      } else {
        scala.collection.Map<String, String> params = r.getAs(RawTables.PATH_PARAMS);
        String tz = params == null ? null : params.get("tz").getOrElse(() -> null);
        ReadContext ctx =
            new ReadContext(
                owner,
                ZoneId.of(r.<String>getAs(FALLBACK_ZONE)),
                r.<Timestamp>getAs(CalendarWindow.FROM).toInstant(),
                r.<Timestamp>getAs(CalendarWindow.TO).toInstant(),
                tz);
        items = read(system, text, ctx);
      }
      for (CalendarItem item : items) {
        out.add(row(item, owner, exportDate, file, position));
      }
      return out.iterator();
    }

    private static List<CalendarItem> read(String system, String text, ReadContext ctx) {
      return switch (system) {
        case ICS -> IcsCalendars.read(text, ctx);
        case GOOGLE -> GoogleCalendarEvents.read(text, ctx);
        case MSGRAPH -> GraphCalendarEvents.read(text, ctx);
        default -> throw new IllegalArgumentException("no calendar reader for " + system);
      };
    }

    private static String evidence(String text) {
      return text == null || text.length() <= 65_536 ? text : text.substring(0, 65_536);
    }

    private static Row row(CalendarItem item, String owner, java.sql.Date exportDate, String file, Long position) {
      if (item instanceof CalendarItem.Problem p) {
        return RowFactory.create(
            null, null, null, null, null, false, false, false, false, null, null, null, null, null, null, null, false, owner, exportDate, file,
            position, p.reason(), p.evidence(), null);
      }
      Occurrence o = (Occurrence) item;
      List<Row> attendees = new ArrayList<>();
      for (Occurrence.Attendee a : o.attendees()) {
        attendees.add(RowFactory.create(a.email(), a.response(), a.isOrganizer()));
      }
      return RowFactory.create(
          o.eventUid(),
          o.recurrenceId(),
          Timestamp.from(o.start()),
          Timestamp.from(o.end()),
          o.timeZone(),
          o.isAllDay(),
          o.isRecurring(),
          o.isCancelled(),
          o.isBusy(),
          o.organizerEmail(),
          o.title(),
          o.description(),
          scala.jdk.javaapi.CollectionConverters.asScala(attendees).toSeq(),
          o.seriesKey(),
          o.itemKey(),
          o.fallbackUid(),
          o.isOverride(),
          owner,
          exportDate,
          file,
          position,
          null,
          null,
          o.note());
    }
  }
}
