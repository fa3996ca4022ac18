package io.ttv.schemas.tables;

import io.ttv.schemas.Col;
import io.ttv.schemas.TableDef;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code fact_person_day}: one person's meetings and focus on one local date of their team's zone
 * (contract section 5 and 6.6).
 */
public final class FactPersonDayTable {
  private FactPersonDayTable() {}

  public static final String NAME = "fact_person_day";
  public static final String DATE = "date";
  public static final String PERSON_ID = "person_id";
  public static final String TEAM = "team";
  public static final String WORKING_HOURS = "working_hours";
  public static final String MEETING_HOURS = "meeting_hours";
  public static final String FOCUS_HOURS = "focus_hours";
  public static final String FRAGMENTED_HOURS = "fragmented_hours";
  public static final String DEPLOY_PLANNING_MEETING_HOURS = "deploy_planning_meeting_hours";
  public static final String CROSS_TEAM_API_MEETING_HOURS = "cross_team_api_meeting_hours";
  public static final String AFTER_HOURS_MEETING_HOURS = "after_hours_meeting_hours";
  public static final String HAS_CALENDAR = "has_calendar";

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.required(DATE, DataTypes.DateType, "Local date in the person's team time zone (reporting_timezone for a person without a team)."))
          .add(Col.required(PERSON_ID, DataTypes.StringType, "people[].id: only people of the config get rows (an attendee the config does not list, 'email:<address>' in calendar_attendance, has no team or working hours)."))
          .add(Col.required(TEAM, DataTypes.StringType, "The person's team (people[].team), or unassigned."))
          .add(Col.required(WORKING_HOURS, DataTypes.DoubleType, "Length of the working day (teams[].working_hours on a working day of teams[].working_days; 0 on any other day)."))
          .add(Col.required(MEETING_HOURS, DataTypes.DoubleType, "Busy time inside working hours, overlapping meetings merged (contract 6.6)."))
          .add(Col.required(FOCUS_HOURS, DataTypes.DoubleType, "Sum of the meeting-free gaps inside working hours of at least focus.min_block_minutes."))
          .add(Col.required(FRAGMENTED_HOURS, DataTypes.DoubleType, "working_hours - meeting_hours - focus_hours: free time in gaps too short to focus."))
          .add(Col.required(DEPLOY_PLANNING_MEETING_HOURS, DataTypes.DoubleType, "Merged busy time, inside or outside working hours, in meetings of category deploy_planning."))
          .add(Col.required(CROSS_TEAM_API_MEETING_HOURS, DataTypes.DoubleType, "Merged busy time, inside or outside working hours, in meetings about APIs (calendar_events.is_api_topic: friction.api_meetings; also when the title matches friction.deploy_planning_meetings too) whose non-declining matched people come from two or more teams."))
          .add(Col.required(AFTER_HOURS_MEETING_HOURS, DataTypes.DoubleType, "Busy time on that date outside working hours (all of it on a non-working day)."))
          .add(Col.required(HAS_CALENDAR, DataTypes.BooleanType, "The person owns an exported calendar (table calendars, any export date); without one the meeting and focus columns describe only meetings others invited them to."));

  public static final TableDef TABLE =
      new TableDef(
          NAME, TableDef.Layer.FACT, "one person x local date of their team's zone", SCHEMA, List.of(DATE, PERSON_ID), List.of(DATE));
}
