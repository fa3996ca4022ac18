package io.ttv.jobs.generate;

/**
 * Writes one system's exports (contract section 4) in the exact format of its real API. One
 * implementation per source family: {@link GithubActionsExports}, {@link GithubPullsExports},
 * {@link GitlabExports}, {@link GitlabMergeRequestsExports}, {@link JenkinsExports},
 * {@link GitLogExports}, {@link PagerdutyExports}, {@link JiraExports}, {@link CalendarExports}.
 */
interface SourceExports {

  /** The landing-zone folder of the system, e.g. {@code github}. */
  String system();

  /** Every landing-zone system it writes (a family may land in several, like the calendars). */
  default java.util.List<String> systems() {
    return java.util.List.of(system());
  }

  void write(ExportContext context);
}
