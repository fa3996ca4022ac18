package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code friction_intervals}: the drill-down behind {@code fact_friction_daily} (contract section 5 and
 * 6.7): one row per counted piece of friction, already merged (no hour of one person or item is counted
 * twice within a crack), clipped and split at local dates, so that summing {@code hours} per date, team
 * and crack gives the fact's columns exactly.
 */
public final class FrictionIntervalsTable {
  private FrictionIntervalsTable() {}

  public static final String NAME = "friction_intervals";
  public static final String DATE = "date";
  public static final String TEAM = "team";
  public static final String CRACK = "crack";
  public static final String PERSON_ID = "person_id";
  public static final String WORK_ITEM_KEY = "work_item_key";
  public static final String GATE = "gate";
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String SOURCE_RECORD_ID = "source_record_id";
  public static final String DETAIL = "detail";
  public static final String START_AT = "start_at";
  public static final String END_AT = "end_at";
  public static final String HOURS = "hours";

  // crack values: one per hour column of fact_friction_daily, plus the pages it counts
  public static final String MANUAL_TESTING = "manual_testing";
  public static final String MANUAL_DEPLOY = "manual_deploy";
  public static final String INFRA_WAIT = "infra_wait";
  public static final String DEPLOY_PLANNING_MEETING = "deploy_planning_meeting";
  public static final String CROSS_TEAM_API_MEETING = "cross_team_api_meeting";
  public static final String PATCHING = "patching";
  public static final String BUILD_WAIT = "build_wait";
  public static final String LOST_FOCUS = "lost_focus";
  public static final String INTERRUPTION = "interruption";
  public static final String AFTER_HOURS_PAGE = "after_hours_page";

  /** The cracks in the order of fact_friction_daily's hour columns, then the pages. */
  public static final List<String> CRACKS =
      List.of(
          MANUAL_TESTING,
          MANUAL_DEPLOY,
          INFRA_WAIT,
          DEPLOY_PLANNING_MEETING,
          CROSS_TEAM_API_MEETING,
          PATCHING,
          BUILD_WAIT,
          LOST_FOCUS,
          INTERRUPTION,
          AFTER_HOURS_PAGE);

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date of the piece in its team's time zone (unassigned: reporting_timezone)."))
          .add(Col.required(TEAM, DataTypes.StringType, "The team charged (contract 6.7): the work item's team (6.5), the gate's service's team, the person's team (builds, meetings, focus, incidents, pull requests); unassigned when there is none."))
          .add(Col.required(CRACK, DataTypes.StringType, "manual_testing, manual_deploy, infra_wait, deploy_planning_meeting, cross_team_api_meeting, patching, build_wait, lost_focus, interruption (the hour columns of fact_friction_daily without _hours), or after_hours_page (one row per page counted in after_hours_pages, 0 hours)."))
          .add(Col.of(PERSON_ID, DataTypes.StringType, "The person whose time it is (build wait, meetings, lost focus, interruptions and pages, patching pull requests: the human author or the bot's first reviewer); null for work items and gates."))
          .add(Col.of(WORK_ITEM_KEY, DataTypes.StringType, "The work item (work_items.key) for status time (manual_testing, infra_wait, patching); null otherwise."))
          .add(Col.of(GATE, DataTypes.StringType, "The manual gate's name: GitHub environment, GitLab job name, Jenkins stage name; null for other rows."))
          .add(Col.required(SOURCE_SYSTEM, DataTypes.StringType, "Where the record was read (github, gitlab, jenkins, jira, pagerduty), or fact_person_day for the meeting and focus cracks."))
          .add(Col.required(SOURCE_RECORD_ID, DataTypes.StringType, "The record behind the time: work_item_transitions.transition_id of the transition that ended the status ('current' while the item is still in it), deployments.deployment_id (GitHub gates), ci_jobs.job_id (GitLab and Jenkins gates), '<repo>#<number>' of a pull request, '<run_id>/<attempt>' of a CI run, incidents.incident_id, or the person_id for fact_person_day rows."))
          .add(Col.of(DETAIL, DataTypes.StringType, "What a person reading the drill-down needs to recognise it: the status name, the gate's repo, the run's repo, workflow and branch, the pull request's or incident's title."))
          .add(Col.of(START_AT, DataTypes.TimestampType, "Start of the counted piece (after merging with the person's or item's earlier intervals of the crack, clipping to working time and cutting at local midnight); null for the fact_person_day cracks (daily totals). For a page: when it was sent."))
          .add(Col.of(END_AT, DataTypes.TimestampType, "End of the counted piece; an interval still open ends at the end of the processed window's last local date (contract 6.7). Null for the fact_person_day cracks; the page time for a page."))
          .add(Col.required(HOURS, DataTypes.DoubleType, "end_at - start_at in hours (the fact_person_day value for meeting and focus rows; 0 for a page)."));

  public static final TableDef TABLE =
      new TableDef(
          NAME,
          TableDef.Layer.FACT,
          "one counted interval piece (crack x team x local date x person, item or gate x source record)",
          SCHEMA,
          List.of(DATE, CRACK, TEAM, SOURCE_SYSTEM, SOURCE_RECORD_ID, PERSON_ID, START_AT),
          List.of(DATE));
}
