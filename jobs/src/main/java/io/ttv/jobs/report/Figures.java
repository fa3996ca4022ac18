package io.ttv.jobs.report;

import java.util.List;
import java.util.Optional;

/**
 * The headline figures of the report, each with the definition printed next to it and, for DORA's four
 * keys, the performance band it falls in.
 *
 * <p>Bands: the clusters of Google Cloud's <i>2023 Accelerate State of DevOps Report</i> (DORA), read as
 * half-open intervals: deployment frequency per deploying service elite on demand (7 or more a week,
 * i.e. daily or more), high at least weekly, medium at least monthly (12 a year, 0.23 a week), low less;
 * lead time elite under a day, high under a week, medium under a month (30 days), low longer; change
 * failure rate elite at most 5%, high at most 10%, medium at most 15%, low more; failed deployment
 * recovery time elite under an hour, high under a day, medium under a week, low longer. Rework rate
 * (DORA 2024) and time to value have no published bands.
 */
public final class Figures {
  private Figures() {}

  /**
   * One headline figure. {@code higherIsBetter} says whether a rise is "better"; {@code unit} is how it
   * prints: {@code hours} (a duration: days past two days), {@code engineer-hours} (an amount of work,
   * always hours), {@code share}, {@code per week}, {@code money}.
   */
  public record Figure(String key, String label, String unit, boolean higherIsBetter, String definition) {}

  public static final String TTV_P50 = "time_to_value_p50_hours";
  public static final String TTV_P90 = "time_to_value_p90_hours";
  public static final String DEPLOYMENTS_PER_WEEK = "deployments_per_week";
  public static final String DEPLOYMENTS_PER_SERVICE_WEEK = "deployments_per_service_week";
  public static final String LEAD_TIME_P50 = "lead_time_p50_hours";
  public static final String LEAD_TIME_P90 = "lead_time_p90_hours";
  public static final String CHANGE_FAILURE_RATE = "change_failure_rate";
  public static final String RECOVERY_TIME_P50 = "recovery_time_p50_hours";
  public static final String REWORK_RATE = "rework_rate";
  public static final String FRICTION_HOURS_PER_WEEK = "friction_hours_per_week";
  public static final String FRICTION_COST_PER_WEEK = "friction_cost_per_week";
  public static final String MEETING_HOURS_PER_PERSON_DAY = "meeting_hours_per_person_day";
  public static final String FOCUS_HOURS_PER_PERSON_DAY = "focus_hours_per_person_day";
  public static final String ITEMS_DONE_PER_WEEK = "items_done_per_week";

  public static final List<Figure> ALL =
      List.of(
          new Figure(TTV_P50, "Time to value (median)", "hours", false,
              "Median over the changes deployed in the period that are linked to a work item of: first production deployment finished"
                  + " - creation of the earliest linked work item (fact_change.time_to_value_hours, contract 6.3)."),
          new Figure(TTV_P90, "Time to value (p90)", "hours", false,
              "90th percentile of the same times: how long the slowest tenth of the work waited to reach customers."),
          new Figure(DEPLOYMENTS_PER_WEEK, "Deployments per week", "per week", true,
              "Successful production deployments in the period / its weeks (fact_delivery_daily.deployments, contract 6.1)."),
          new Figure(DEPLOYMENTS_PER_SERVICE_WEEK, "Deployment frequency per service", "per week", true,
              "The same per service that deployed at least once in the period: the figure DORA's bands rate."),
          new Figure(LEAD_TIME_P50, "Lead time for changes (median)", "hours", false,
              "Median over the changes deployed in the period (merged pull requests, and commits shipped outside one) of"
                  + " production deployment finished - first commit authored (fact_change.lead_time_hours, contract 6.2)."),
          new Figure(LEAD_TIME_P90, "Lead time for changes (p90)", "hours", false, "90th percentile of the same lead times."),
          new Figure(CHANGE_FAILURE_RATE, "Change failure rate", "share", false,
              "Successful production deployments with an attributed incident / successful production deployments, over the"
                  + " period (sum of fact_delivery_daily.failed_changes / sum of deployments, contract 6.4)."),
          new Figure(RECOVERY_TIME_P50, "Failed deployment recovery time", "hours", false,
              "Median over the service-days of the period of the daily median recovery time (incident resolved - started, for"
                  + " incidents attributed to a deployment; fact_delivery_daily.recovery_time_p50_hours). The facts keep daily"
                  + " medians only, so this is a typical day's median, not a median over all incidents."),
          new Figure(REWORK_RATE, "Rework rate", "share", false,
              "Deployments that shipped a fix of a defect or incident / successful production deployments, over the period"
                  + " (sum of fact_delivery_daily.rework_deployments / sum of deployments on days where rework is known)."),
          new Figure(FRICTION_HOURS_PER_WEEK, "Friction per week", "engineer-hours", false,
              "Engineer-hours lost to the nine cracks in the period / its weeks (sum of fact_friction_daily.friction_hours,"
                  + " contract 6.7). Cracks may overlap, so this is an upper bound."),
          new Figure(FRICTION_COST_PER_WEEK, "Friction cost per week", "money", false,
              "The same hours priced at cost.hourly_rate (fact_friction_daily.friction_cost); empty when no rate is configured."),
          new Figure(MEETING_HOURS_PER_PERSON_DAY, "Meeting hours per person-day", "hours", false,
              "Average over working person-days of people with a calendar of meeting time inside working hours"
                  + " (fact_person_day.meeting_hours, contract 6.6)."),
          new Figure(FOCUS_HOURS_PER_PERSON_DAY, "Focus hours per person-day", "hours", true,
              "Average over the same person-days of meeting-free blocks of at least focus.min_block_minutes inside working"
                  + " hours (fact_person_day.focus_hours)."),
          new Figure(ITEMS_DONE_PER_WEEK, "Work items done per week", "per week", true,
              "Flow velocity: work items finished in the period / its weeks (sum of fact_flow_daily.flow_velocity, contract 6.5)."));

  public static Figure of(String key) {
    return ALL.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(key));
  }

  /** The DORA band of a figure's value, when DORA publishes one for it. */
  public static Optional<String> doraBand(String key, Double value) {
    if (value == null) {
      return Optional.empty();
    }
    double v = value;
    return switch (key) {
      case DEPLOYMENTS_PER_SERVICE_WEEK -> Optional.of(v >= 7 ? "elite" : v >= 1 ? "high" : v >= 12.0 / 52 ? "medium" : "low");
      case LEAD_TIME_P50 -> Optional.of(v < 24 ? "elite" : v < 24 * 7 ? "high" : v < 24 * 30 ? "medium" : "low");
      case CHANGE_FAILURE_RATE -> Optional.of(v <= 0.05 ? "elite" : v <= 0.10 ? "high" : v <= 0.15 ? "medium" : "low");
      case RECOVERY_TIME_P50 -> Optional.of(v < 1 ? "elite" : v < 24 ? "high" : v < 24 * 7 ? "medium" : "low");
      default -> Optional.empty();
    };
  }
}
