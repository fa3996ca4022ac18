package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code fact_friction_daily}: the nine cracks of the seed document in engineer-hours, per local date of
 * the team's zone and team (contract section 5 and 6.7); the aggregate of {@code friction_intervals}.
 */
public final class FactFrictionDailyTable {
  private FactFrictionDailyTable() {}

  public static final String NAME = "fact_friction_daily";
  public static final String DATE = "date";
  public static final String TEAM = "team";
  public static final String MANUAL_TESTING_HOURS = "manual_testing_hours";
  public static final String MANUAL_DEPLOY_HOURS = "manual_deploy_hours";
  public static final String INFRA_WAIT_HOURS = "infra_wait_hours";
  public static final String DEPLOY_PLANNING_MEETING_HOURS = "deploy_planning_meeting_hours";
  public static final String CROSS_TEAM_API_MEETING_HOURS = "cross_team_api_meeting_hours";
  public static final String PATCHING_HOURS = "patching_hours";
  public static final String BUILD_WAIT_HOURS = "build_wait_hours";
  public static final String LOST_FOCUS_HOURS = "lost_focus_hours";
  public static final String INTERRUPTION_HOURS = "interruption_hours";
  public static final String AFTER_HOURS_PAGES = "after_hours_pages";
  public static final String FRICTION_HOURS = "friction_hours";
  public static final String FRICTION_COST = "friction_cost";

  /** The nine hour columns, in the contract's order (friction_hours is their sum). */
  public static final List<String> HOUR_COLUMNS =
      List.of(
          MANUAL_TESTING_HOURS,
          MANUAL_DEPLOY_HOURS,
          INFRA_WAIT_HOURS,
          DEPLOY_PLANNING_MEETING_HOURS,
          CROSS_TEAM_API_MEETING_HOURS,
          PATCHING_HOURS,
          BUILD_WAIT_HOURS,
          LOST_FOCUS_HOURS,
          INTERRUPTION_HOURS);

  private static final String NULL_WHEN = " Null when none of its sources is enabled, 0 when they are and nothing happened.";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date in the team's time zone (teams[].timezone; unassigned: reporting_timezone)."))
          .add(Col.required(TEAM, DataTypes.StringType, "A team of the config (a row for every one on every processed date), or unassigned (only on dates it has friction)."))
          .add(Col.of(MANUAL_TESTING_HOURS, DataTypes.DoubleType, "Work items' time in a friction.manual_test_statuses status plus the wait of manual gates whose name matches friction.manual_test_jobs, clipped to working time (contract 6.7)." + NULL_WHEN + " Sources: a work-item or CI source."))
          .add(Col.of(MANUAL_DEPLOY_HOURS, DataTypes.DoubleType, "The wait of every other manual gate (6.1), passed or not, clipped to the working time of the service's team." + NULL_WHEN + " Sources: a CI source or GitHub deployments."))
          .add(Col.of(INFRA_WAIT_HOURS, DataTypes.DoubleType, "Work items' time in a friction.infra_wait_statuses status, or in a waiting-category status while labelled with friction.infra_wait_labels, clipped to the item team's working time." + NULL_WHEN + " Sources: a work-item source."))
          .add(Col.of(DEPLOY_PLANNING_MEETING_HOURS, DataTypes.DoubleType, "Sum over the team's people of fact_person_day.deploy_planning_meeting_hours." + NULL_WHEN + " Sources: a calendar source."))
          .add(Col.of(CROSS_TEAM_API_MEETING_HOURS, DataTypes.DoubleType, "Sum over the team's people of fact_person_day.cross_team_api_meeting_hours." + NULL_WHEN + " Sources: a calendar source."))
          .add(Col.of(PATCHING_HOURS, DataTypes.DoubleType, "Active-status time of patching work items (friction.patching_labels / patching_titles), plus created -> merged/closed of patching pull requests not linked to such an item, clipped to working time." + NULL_WHEN + " Sources: a work-item or version-control source."))
          .add(Col.of(BUILD_WAIT_HOURS, DataTypes.DoubleType, "Per person, the merged created -> finished intervals of the CI run attempts they triggered (bots left out) on a branch outside friction.default_branches or for a pull request, clipped to the working time of their team." + NULL_WHEN + " Sources: GitHub Actions or GitLab."))
          .add(Col.of(LOST_FOCUS_HOURS, DataTypes.DoubleType, "Sum over the team's people with a calendar (fact_person_day.has_calendar) of working_hours - focus_hours." + NULL_WHEN + " Sources: a calendar source."))
          .add(Col.of(INTERRUPTION_HOURS, DataTypes.DoubleType, "Per responder, the merged intervals from their first assignment, escalation or acknowledgement of an incident to its resolution (or the window's end), in and out of working time, split at local midnights." + NULL_WHEN + " Sources: PagerDuty."))
          .add(Col.of(AFTER_HOURS_PAGES, DataTypes.LongType, "Incidents whose first page (assignment or escalation) to a person of the team fell outside that person's working time, one per incident and person, on the page's local date." + NULL_WHEN + " Sources: PagerDuty."))
          .add(Col.required(FRICTION_HOURS, DataTypes.DoubleType, "Sum of the nine hour columns (nulls count as 0). Cracks may overlap each other (a manual-test status during a build wait), so this is an upper bound of the hours lost."))
          .add(Col.of(FRICTION_COST, DataTypes.DoubleType, "friction_hours x cost.hourly_rate, in cost.currency; null when no rate is configured."));

  public static final TableDef TABLE =
      new TableDef(NAME, TableDef.Layer.FACT, "one local date x team", SCHEMA, List.of(DATE, TEAM), List.of(DATE));
}
