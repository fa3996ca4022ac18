package io.ttv.transforms.org;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.weekofyear;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.ttv.schemas.config.Person;
import io.ttv.schemas.config.Service;
import io.ttv.schemas.config.Team;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.DimDateTable;
import io.ttv.schemas.tables.DimServiceTable;
import io.ttv.schemas.tables.IdentitiesTable;
import io.ttv.schemas.tables.PeopleTable;
import io.ttv.schemas.tables.ReposTable;
import io.ttv.schemas.tables.TeamsTable;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.ServiceMapping;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The organisation's directory: {@code teams}, {@code people}, {@code identities}, {@code repos} and the
 * dimensions, from the config and from the identities and repositories the runs saw (contract 3 and 5).
 * All of them are as small as the organisation, whatever the history.
 */
public final class Directory {
  private Directory() {}

  /** Systems whose identities are logins or account ids; every other system's identities are emails. */
  public static final Set<String> LOGIN_SYSTEMS = Set.of("github", "gitlab", "jira", "pagerduty");

  /** Columns of the seen-identity input of {@link #identities}. */
  public static final StructType SEEN_IDENTITY =
      new StructType()
          .add(IdentitiesTable.SYSTEM, DataTypes.StringType, false)
          .add(IdentitiesTable.IDENTITY, DataTypes.StringType, false)
          .add(IdentitiesTable.IS_SEEN, DataTypes.BooleanType, false);

  /** Columns of the seen-repository input of {@link #repos}. */
  public static final StructType SEEN_REPO =
      new StructType()
          .add(ReposTable.REPO, DataTypes.StringType, false)
          .add(ReposTable.IS_CONFIGURED, DataTypes.BooleanType, false)
          .add(ReposTable.IS_SEEN, DataTypes.BooleanType, false);

  /** {@code teams} rows: the config's teams with their people and services counted. */
  public static List<Row> teamRows(TtvConfig cfg) {
    List<Row> rows = new ArrayList<>();
    for (Team t : cfg.teams()) {
      List<String> days = new ArrayList<>();
      for (DayOfWeek d : DayOfWeek.values()) {
        if (t.workingDays().contains(d)) {
          days.add(d.name().substring(0, 3));
        }
      }
      long people = cfg.people().stream().filter(p -> t.name().equals(p.team())).count();
      long services = cfg.services().stream().filter(s -> t.name().equals(s.team())).count();
      rows.add(RowFactory.create(t.name(), t.zone().getId(), t.start().toString(), t.end().toString(), days, people, services));
    }
    return rows;
  }

  /** The config's identities, as {@link #SEEN_IDENTITY} rows with {@code is_seen} false. */
  public static List<Row> configIdentityRows(TtvConfig cfg) {
    List<Row> rows = new ArrayList<>();
    for (Person p : cfg.people()) {
      p.github().forEach(i -> rows.add(RowFactory.create("github", i.toLowerCase(Locale.ROOT), false)));
      p.gitlab().forEach(i -> rows.add(RowFactory.create("gitlab", i.toLowerCase(Locale.ROOT), false)));
      p.jira().forEach(i -> rows.add(RowFactory.create("jira", i.toLowerCase(Locale.ROOT), false)));
      p.pagerduty().forEach(i -> rows.add(RowFactory.create("pagerduty", i.toLowerCase(Locale.ROOT), false)));
      p.emails().forEach(i -> rows.add(RowFactory.create(IdentitiesTable.EMAIL, i.toLowerCase(Locale.ROOT), false)));
    }
    return rows;
  }

  /** The config's services' repos, as {@link #SEEN_REPO} rows with {@code is_seen} false. */
  public static List<Row> configRepoRows(TtvConfig cfg) {
    List<Row> rows = new ArrayList<>();
    for (Service s : cfg.services()) {
      s.repos().forEach(r -> rows.add(RowFactory.create(r, true, false)));
    }
    return rows;
  }

  /**
   * {@code identities} from {@link #SEEN_IDENTITY} rows (the table's earlier rows, this run's, the
   * config's): one row per (system, lower-case identity), resolved to a person by {@link Identities}.
   */
  public static Dataset<Row> identities(Dataset<Row> seen, TtvConfig cfg) {
    Dataset<Row> distinct =
        seen.groupBy(col(IdentitiesTable.SYSTEM), lower(col(IdentitiesTable.IDENTITY)).as(IdentitiesTable.IDENTITY))
            .agg(bool_or(col(IdentitiesTable.IS_SEEN)).as(IdentitiesTable.IS_SEEN));
    Column person = null;
    Set<String> systems = new java.util.TreeSet<>(LOGIN_SYSTEMS);
    systems.addAll(List.of("git", IdentitiesTable.EMAIL, "ics", "google_calendar", "msgraph_calendar"));
    Column id = col(IdentitiesTable.IDENTITY);
    for (String s : systems) {
      boolean login = LOGIN_SYSTEMS.contains(s);
      Column resolved = Identities.personId(s, login ? id : lit(null).cast("string"), login ? lit(null).cast("string") : id, cfg.people());
      person = person == null ? when(col(IdentitiesTable.SYSTEM).equalTo(s), resolved) : person.when(col(IdentitiesTable.SYSTEM).equalTo(s), resolved);
    }
    // a system this build does not know: its identities are taken as emails when they look like one
    person = person.otherwise(Identities.personId("other", lit(null).cast("string"), id, cfg.people()));
    Dataset<Row> withPerson = distinct.withColumn(IdentitiesTable.PERSON_ID, person);
    Column matched = Identities.isMatched(col(IdentitiesTable.PERSON_ID), cfg.people());
    return withPerson.select(
        col(IdentitiesTable.SYSTEM),
        col(IdentitiesTable.IDENTITY),
        col(IdentitiesTable.PERSON_ID),
        matched.as(IdentitiesTable.IS_MATCHED),
        not(matched)
            .and(Identities.isBot(id, org.apache.spark.sql.functions.nullif(Identities.githubNoreplyLogin(id), lit("")), cfg.bots()))
            .as(IdentitiesTable.IS_BOT),
        col(IdentitiesTable.IS_SEEN));
  }

  /**
   * {@code people}: every person of the config, then one unmatched person per {@code person_id} of
   * {@code identities} that no person lists; each with how many identities map to it.
   */
  public static Dataset<Row> people(Dataset<Row> identities, TtvConfig cfg) {
    Map<String, String> zones = new TreeMap<>();
    cfg.teams().forEach(t -> zones.put(t.name(), t.zone().getId()));
    List<Row> listed = new ArrayList<>();
    for (Person p : cfg.people()) {
      String zone = p.team() != null && zones.containsKey(p.team()) ? zones.get(p.team()) : cfg.reportingZone().getId();
      listed.add(RowFactory.create(p.id(), p.name(), p.team(), zone, true, false));
    }
    StructType schema =
        new StructType()
            .add(PeopleTable.PERSON_ID, DataTypes.StringType, false)
            .add(PeopleTable.NAME_COLUMN, DataTypes.StringType)
            .add(PeopleTable.TEAM, DataTypes.StringType)
            .add(PeopleTable.TIMEZONE, DataTypes.StringType)
            .add(PeopleTable.IS_MATCHED, DataTypes.BooleanType, false)
            .add(PeopleTable.IS_BOT, DataTypes.BooleanType, false);
    Dataset<Row> configured = identities.sparkSession().createDataFrame(listed, schema);
    Dataset<Row> unmatched =
        identities
            .where(not(col(IdentitiesTable.IS_MATCHED)))
            .groupBy(col(IdentitiesTable.PERSON_ID))
            .agg(
                max_by(col(IdentitiesTable.IDENTITY), col(IdentitiesTable.IDENTITY)).as(PeopleTable.NAME_COLUMN),
                bool_or(col(IdentitiesTable.IS_BOT)).as(PeopleTable.IS_BOT))
            .select(
                col(IdentitiesTable.PERSON_ID).as(PeopleTable.PERSON_ID),
                col(PeopleTable.NAME_COLUMN),
                lit(null).cast("string").as(PeopleTable.TEAM),
                lit(cfg.reportingZone().getId()).as(PeopleTable.TIMEZONE),
                lit(false).as(PeopleTable.IS_MATCHED),
                col(PeopleTable.IS_BOT));
    Dataset<Row> counts =
        identities.groupBy(col(IdentitiesTable.PERSON_ID).as("_p")).agg(count(lit(1)).as(PeopleTable.IDENTITIES));
    Dataset<Row> all = configured.unionByName(unmatched);
    return all.join(counts, all.col(PeopleTable.PERSON_ID).equalTo(counts.col("_p")), "left")
        .select(
            col(PeopleTable.PERSON_ID), col(PeopleTable.NAME_COLUMN), col(PeopleTable.TEAM), col(PeopleTable.TIMEZONE),
            col(PeopleTable.IS_MATCHED), col(PeopleTable.IS_BOT), coalesce(col(PeopleTable.IDENTITIES), lit(0L)).as(PeopleTable.IDENTITIES));
  }

  /**
   * {@code repos} from {@link #SEEN_REPO} rows: one per repository ignoring case (spelled as the data
   * spells it when seen), with its service and that service's team.
   */
  public static Dataset<Row> repos(Dataset<Row> seen, TtvConfig cfg) {
    Dataset<Row> one =
        seen.groupBy(lower(col(ReposTable.REPO)).as("_k"))
            .agg(
                max_by(col(ReposTable.REPO), col(ReposTable.IS_SEEN).cast("int")).as(ReposTable.REPO),
                bool_or(col(ReposTable.IS_CONFIGURED)).as(ReposTable.IS_CONFIGURED),
                bool_or(col(ReposTable.IS_SEEN)).as(ReposTable.IS_SEEN));
    Column service = ServiceMapping.serviceOf(col(ReposTable.REPO), cfg.services());
    Column team = ServiceMapping.teamOfService(service, cfg.services());
    return one.select(
        col(ReposTable.REPO),
        service.as(ReposTable.SERVICE),
        when(col(ReposTable.IS_CONFIGURED), team).as(ReposTable.TEAM),
        col(ReposTable.IS_CONFIGURED),
        col(ReposTable.IS_SEEN));
  }

  /** {@code dim_service}: the config's services, and each repo no service lists as a service of its own. */
  public static Dataset<Row> services(Dataset<Row> repos, TtvConfig cfg) {
    List<Row> rows = new ArrayList<>();
    for (Service s : cfg.services()) {
      rows.add(RowFactory.create(s.name(), s.team(), s.repos(), s.pagerdutyServices(), s.jiraComponents(), true));
    }
    Dataset<Row> configured = repos.sparkSession().createDataFrame(rows, DimServiceTable.SCHEMA);
    Dataset<Row> unlisted =
        repos.where(not(col(ReposTable.IS_CONFIGURED)))
            .select(
                col(ReposTable.SERVICE).as(DimServiceTable.SERVICE),
                lit(null).cast("string").as(DimServiceTable.TEAM),
                array(col(ReposTable.REPO)).as(DimServiceTable.REPOS),
                expr("CAST(array() AS ARRAY<STRING>)").as(DimServiceTable.PAGERDUTY_SERVICES),
                expr("CAST(array() AS ARRAY<STRING>)").as(DimServiceTable.JIRA_COMPONENTS),
                lit(false).as(DimServiceTable.IS_CONFIGURED));
    return configured.unionByName(unlisted);
  }

  /** {@code dim_date} rows for {@code from..to}, every column a Spark built-in of the date. */
  public static Dataset<Row> dates(org.apache.spark.sql.SparkSession spark, LocalDate from, LocalDate to) {
    Column d = col(DimDateTable.DATE);
    Column isoDow = dayofweek(d).plus(5).mod(7).plus(1); // Spark: 1 = Sunday; ISO: 1 = Monday
    return spark.range(1)
        .select(explode(sequence(lit(from), lit(to))).as(DimDateTable.DATE))
        .select(
            d,
            year(d).as(DimDateTable.YEAR),
            quarter(d).as(DimDateTable.QUARTER),
            month(d).as(DimDateTable.MONTH),
            date_format(d, "MMMM").as(DimDateTable.MONTH_NAME),
            year(org.apache.spark.sql.functions.date_add(d, lit(4).minus(isoDow))).as(DimDateTable.ISO_YEAR), // the week's Thursday
            weekofyear(d).as(DimDateTable.ISO_WEEK),
            date_sub(d, isoDow.minus(1)).as(DimDateTable.WEEK_START),
            isoDow.as(DimDateTable.DAY_OF_WEEK),
            date_format(d, "EEEE").as(DimDateTable.DAY_NAME),
            isoDow.geq(6).as(DimDateTable.IS_WEEKEND));
  }
}
