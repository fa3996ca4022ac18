package io.ttv.transforms.work;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.Team;
import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.FactFlowDailyTable;
import io.ttv.schemas.tables.WorkItemTransitionsTable;
import io.ttv.schemas.tables.WorkItemsTable;
import io.ttv.transforms.common.Times;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code fact_flow_daily} (contract 6.5, Flow Framework): per team, flow item type and local date of the
 * team's zone, items finally done (velocity, flow time, efficiency), items in progress at the end of the
 * day (load), and the type's share of the team's items done in the trailing 28 days (distribution).
 *
 * <p>Statuses and times come from the merged {@code work_item_transitions} (every transition any export
 * showed), so a later export with a cut-short changelog loses nothing; an item without transitions
 * (GitHub issues, Jira exported without {@code expand=changelog}) uses {@code work_items.started_at} and
 * {@code done_at}. Epics and sub-tasks ({@code issue_type_level} 1 and -1) are not flow items: an epic
 * is the sum of its stories and a sub-task a part of one, and counting them too would count work twice.
 */
public final class FlowFacts {
  private FlowFacts() {}

  /** One flow item with its team's zone, start, final done, flow and active seconds. */
  static final String ZONE = "_zone";

  static final String START = "_start";
  static final String DONE = "_done";
  static final String FLOW_SECONDS = "_flow_seconds";
  static final String ACTIVE_SECONDS = "_active_seconds";
  static final String DONE_DATE = "_done_date";

  private static final long TRAILING_DAYS = 28;

  /**
   * The facts for the local dates {@code from..to}. {@code items} and {@code transitions} are the whole
   * tables (organisation-bounded and small); only items that touch the window are expanded over its days.
   */
  public static Dataset<Row> daily(Dataset<Row> items, Dataset<Row> transitions, TtvConfig config, LocalDate from, LocalDate to) {
    Dataset<Row> flow = flowItems(items, transitions, config).localCheckpoint();
    return daily(flow, from, to);
  }

  /**
   * Per flow item (epics and sub-tasks left out): team, type, the team's zone, start (the first entry into
   * an active or waiting status; the creation when the first recorded transition leaves such a status),
   * final done (only for an item done now: its last entry into a done status from a todo, active or
   * waiting one), flow seconds (done - start) and active seconds (time in active statuses inside
   * start..done).
   */
  static Dataset<Row> flowItems(Dataset<Row> items, Dataset<Row> transitions, TtvConfig config) {
    Dataset<Row> flowOnes =
        items.where(coalesce(col(WorkItemsTable.ISSUE_TYPE_LEVEL), lit(0)).equalTo(0).and(col(WorkItemsTable.IS_SUBTASK).unary_$bang()));
    Dataset<Row> it =
        flowOnes.select(
            col(WorkItemsTable.SOURCE_SYSTEM).as("_sys"),
            col(WorkItemsTable.KEY).as("_key"),
            col(WorkItemsTable.CREATED_AT).as("_created"));
    String t = "t_";
    Dataset<Row> tr =
        transitions.select(
            col(WorkItemTransitionsTable.SOURCE_SYSTEM).as(t + "sys"),
            col(WorkItemTransitionsTable.KEY).as(t + "key"),
            col(WorkItemTransitionsTable.AT).as(t + "at"),
            col(WorkItemTransitionsTable.TRANSITION_ID).as(t + "id"),
            col(WorkItemTransitionsTable.FROM_CATEGORY).as(t + "from"),
            col(WorkItemTransitionsTable.TO_CATEGORY).as(t + "to"));
    WindowSpec inTime = Window.partitionBy(col(t + "sys"), col(t + "key")).orderBy(col(t + "at"), col(t + "id"));
    // each transition closes the interval the item spent in its from-status: (previous at, or created) .. at
    Dataset<Row> intervals =
        tr.join(it, col(t + "sys").equalTo(col("_sys")).and(col(t + "key").equalTo(col("_key"))), "inner")
            .withColumn(t + "since", coalesce(lag(col(t + "at"), 1).over(inTime), col("_created")))
            .withColumn(t + "first_from", first(col(t + "from")).over(inTime.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())));
    Column entersWork = col(t + "to").isin(WorkItemsTable.ACTIVE, WorkItemsTable.WAITING);
    Column entersDone =
        col(t + "to").equalTo(WorkItemsTable.DONE).and(col(t + "from").isin(WorkItemsTable.TODO, WorkItemsTable.ACTIVE, WorkItemsTable.WAITING));
    Dataset<Row> perItem =
        intervals
            .groupBy(col("_sys").as("_tsys"), col("_key").as("_tkey"))
            .agg(
                min(when(entersWork, col(t + "at"))).as("_t_start"),
                first(when(col(t + "first_from").isin(WorkItemsTable.ACTIVE, WorkItemsTable.WAITING), col("_created")), true).as("_t_created_started"),
                max(when(entersDone, col(t + "at"))).as("_t_done"),
                org.apache.spark.sql.functions.collect_list(
                        org.apache.spark.sql.functions.struct(col(t + "since").as("s"), col(t + "at").as("e"), col(t + "from").as("c")))
                    .as("_t_intervals"));
    Column isDoneNow = col(WorkItemsTable.STATUS_CATEGORY).equalTo(WorkItemsTable.DONE);
    Column start = coalesce(col("_t_created_started"), col("_t_start"), col(WorkItemsTable.STARTED_AT));
    Column done = when(isDoneNow, coalesce(col("_t_done"), col(WorkItemsTable.DONE_AT)));
    Dataset<Row> joined =
        flowOnes
            .join(perItem, col(WorkItemsTable.SOURCE_SYSTEM).equalTo(col("_tsys")).and(col(WorkItemsTable.KEY).equalTo(col("_tkey"))), "left")
            .withColumn(START, start)
            .withColumn(DONE, done);
    // active seconds: the overlap of each active interval with start..done
    Column active =
        org.apache.spark.sql.functions.aggregate(
            coalesce(col("_t_intervals"), array().cast("array<struct<s:timestamp,e:timestamp,c:string>>")),
            lit(0.0),
            (acc, x) ->
                acc.plus(
                    when(
                        x.getField("c").equalTo(WorkItemsTable.ACTIVE),
                        Times.nonNegativeSeconds(greatest(x.getField("s"), col(START)), least(x.getField("e"), col(DONE))))
                        .otherwise(lit(0.0))));
    return joined.select(
        col(WorkItemsTable.TEAM),
        col(WorkItemsTable.FLOW_ITEM_TYPE),
        zoneOfTeam(col(WorkItemsTable.TEAM), config).as(ZONE),
        col(START),
        col(DONE),
        when(col(START).isNotNull().and(col(DONE).isNotNull()), Times.nonNegativeSeconds(col(START), col(DONE))).as(FLOW_SECONDS),
        when(col(START).isNotNull().and(col(DONE).isNotNull()), coalesce(active, lit(0.0))).as(ACTIVE_SECONDS));
  }

  /** The IANA zone of a team's local dates: teams[].timezone; unassigned and unlisted teams: the reporting zone. */
  static Column zoneOfTeam(Column team, TtvConfig config) {
    List<Column> pairs = new ArrayList<>();
    for (Team tm : config.teams()) {
      pairs.add(lit(tm.name()));
      pairs.add(lit(tm.zone().getId()));
    }
    Column reporting = lit(config.reportingZone().getId());
    return pairs.isEmpty() ? reporting : coalesce(try_element_at(map(pairs.toArray(Column[]::new)), team), reporting);
  }

  /** The facts of {@link #flowItems} rows for the local dates {@code from..to}. */
  static Dataset<Row> daily(Dataset<Row> flow, LocalDate from, LocalDate to) {
    String d = FactFlowDailyTable.DATE;
    String[] key = {d, FactFlowDailyTable.TEAM, FactFlowDailyTable.FLOW_ITEM_TYPE};
    Dataset<Row> withDoneDate =
        flow.withColumnRenamed(WorkItemsTable.TEAM, FactFlowDailyTable.TEAM)
            .withColumnRenamed(WorkItemsTable.FLOW_ITEM_TYPE, FactFlowDailyTable.FLOW_ITEM_TYPE)
            .withColumn(DONE_DATE, to_date(from_utc_timestamp(col(DONE), col(ZONE))));

    Dataset<Row> velocity =
        withDoneDate
            .where(col(DONE_DATE).between(lit(from), lit(to)))
            .groupBy(col(DONE_DATE).as(d), col(FactFlowDailyTable.TEAM), col(FactFlowDailyTable.FLOW_ITEM_TYPE))
            .agg(
                count(lit(1)).as(FactFlowDailyTable.FLOW_VELOCITY),
                percentile(col(FLOW_SECONDS).divide(86400.0), lit(0.5)).as(FactFlowDailyTable.FLOW_TIME_P50_DAYS),
                percentile(col(FLOW_SECONDS).divide(86400.0), lit(0.85)).as(FactFlowDailyTable.FLOW_TIME_P85_DAYS),
                sum(col(ACTIVE_SECONDS)).as("_active"),
                sum(col(FLOW_SECONDS)).as("_flow"))
            .withColumn(FactFlowDailyTable.FLOW_EFFICIENCY, when(col("_flow").gt(0), col("_active").divide(col("_flow"))))
            .drop("_active", "_flow");

    // load: started by the end of the local day D and not finally done by then; only items that overlap
    // the window are spread over its days
    Column windowDays = sequence(lit(from), lit(to));
    Column endOfDay = to_utc_timestamp(date_add(col(d), 1).cast("timestamp"), col(ZONE));
    Dataset<Row> load =
        withDoneDate
            .where(col(START).isNotNull())
            .where(col(START).lt(lit(java.sql.Timestamp.from(to.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))))
            .where(col(DONE).isNull().or(col(DONE).geq(lit(java.sql.Timestamp.from(from.minusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())))))
            .withColumn(d, explode(windowDays))
            .where(col(START).lt(endOfDay).and(col(DONE).isNull().or(col(DONE).geq(endOfDay))))
            .groupBy(col(d), col(FactFlowDailyTable.TEAM), col(FactFlowDailyTable.FLOW_ITEM_TYPE))
            .agg(count(lit(1)).as(FactFlowDailyTable.FLOW_LOAD));

    // distribution: items done in D-27..D, per type over the team's total (0 for a type it finished none of)
    Dataset<Row> trailing =
        withDoneDate
            .where(col(DONE_DATE).between(lit(from.minusDays(TRAILING_DAYS - 1)), lit(to)))
            .withColumn(d, explode(sequence(greatest(col(DONE_DATE), lit(from)), least(date_add(col(DONE_DATE), (int) TRAILING_DAYS - 1), lit(to)))))
            .groupBy(col(d), col(FactFlowDailyTable.TEAM), col(FactFlowDailyTable.FLOW_ITEM_TYPE))
            .agg(count(lit(1)).as("_done_28"));
    Dataset<Row> teamTotals =
        trailing.groupBy(col(d).as("_td"), col(FactFlowDailyTable.TEAM).as("_tt")).agg(sum(col("_done_28")).as("_team_done_28"));

    return velocity
        .join(load, key, "full")
        .join(trailing, key, "full")
        .join(teamTotals, col(d).equalTo(col("_td")).and(col(FactFlowDailyTable.TEAM).equalTo(col("_tt"))), "left")
        .withColumn(
            FactFlowDailyTable.FLOW_DISTRIBUTION_SHARE,
            when(col("_team_done_28").gt(0), coalesce(col("_done_28"), lit(0L)).divide(col("_team_done_28"))))
        .na()
        .fill(0L, new String[] {FactFlowDailyTable.FLOW_VELOCITY, FactFlowDailyTable.FLOW_LOAD})
        .select(
            col(d),
            col(FactFlowDailyTable.TEAM),
            col(FactFlowDailyTable.FLOW_ITEM_TYPE),
            col(FactFlowDailyTable.FLOW_VELOCITY),
            col(FactFlowDailyTable.FLOW_TIME_P50_DAYS),
            col(FactFlowDailyTable.FLOW_TIME_P85_DAYS),
            col(FactFlowDailyTable.FLOW_EFFICIENCY),
            col(FactFlowDailyTable.FLOW_LOAD),
            col(FactFlowDailyTable.FLOW_DISTRIBUTION_SHARE));
  }
}
