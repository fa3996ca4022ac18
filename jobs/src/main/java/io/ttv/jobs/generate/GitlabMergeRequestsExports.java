package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Merge requests of the GitLab projects ({@link Forges#gitlab()}), GitLab REST v4 bodies under a
 * {@code project=<group>%2F<name>} folder:
 *
 * <ul>
 *   <li>{@code gitlab/merge_requests/dt=D/project=../merge_requests-N.json}: pages of {@code GET
 *       /projects/:id/merge_requests?updated_after=..&order_by=updated_at} (100 a page) with the merge
 *       requests that changed on D, as they stood at the end of D;
 *   <li>{@code gitlab/merge_request_commits/dt=D/project=../merge_request=IID/commits.json}: {@code GET
 *       .../merge_requests/:iid/commits} (newest first, {@code parent_ids} empty, as the real endpoint
 *       returns them: {@code fixtures/real/gitlab-vcs/devlake_gitlab_list_merge_request_commits.ndjson})
 *       of each merge request pushed to on D.
 * </ul>
 *
 * <p>The iid is the number the merge-request pipelines' {@code refs/merge-requests/<iid>/head} show,
 * {@code sha} the source branch's head. The projects squash and fast-forward: a merged request has
 * {@code squash: true}, {@code squash_commit_sha} = the commit its default-branch pipeline ran on, and
 * no merge commit ({@code merge_commit_sha: null}). A draft's title starts with {@code Draft: }.
 */
final class GitlabMergeRequestsExports implements SourceExports {

  static final String SYSTEM = GitlabExports.SYSTEM;
  static final String MERGE_REQUESTS = "merge_requests";
  static final String COMMITS = "merge_request_commits";
  static final int PAGE_SIZE = 100;

  private static final String BASE = "https://" + Forges.GITLAB_HOST;

  @Override
  public String system() {
    return SYSTEM;
  }

  private record Entry(Repo project, PullRequestLives.Life life, long id, int notes) {}

  @Override
  public void write(ExportContext ctx) {
    List<Repo> projects = new ArrayList<>();
    ctx.forges().gitlab().forEach(s -> projects.addAll(s.repos()));
    if (projects.isEmpty()) {
      return;
    }
    Organisation org = ctx.organisation();
    Map<String, Person> people = org.peopleByLogin();
    SplittableRandom r = ctx.stream(SYSTEM, "merge_requests");
    long end = ctx.range().endEpoch();

    List<PullRequestLives.Life> all = new ArrayList<>();
    Map<PullRequestLives.Life, Repo> projectOf = new HashMap<>();
    for (Repo project : projects) {
      for (PullRequestLives.Life life :
          PullRequestLives.of(org, ctx.history(), project, end, ctx.seed(), false)) {
        all.add(life);
        projectOf.put(life, project);
      }
    }
    // Merge request ids: one instance-wide sequence in opening order.
    all.sort(Comparator.<PullRequestLives.Life>comparingLong(l -> l.pr().openedAt())
        .thenComparing(l -> l.pr().repo().fullName()).thenComparingInt(l -> l.pr().number()));
    long nextId = 310_000L + r.nextInt(50_000);
    Map<String, List<Entry>> byProject = new HashMap<>();
    for (PullRequestLives.Life life : all) {
      nextId += 1 + r.nextInt(12);
      Repo project = projectOf.get(life);
      byProject.computeIfAbsent(project.fullName(), k -> new ArrayList<>())
          .add(new Entry(project, life, nextId, r.nextDouble() < 0.5 ? 0 : 1 + r.nextInt(6)));
    }

    Landing landing = ctx.landing();
    for (LocalDate date : ctx.range().dates()) {
      long from = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      long cutoff = from + 86_400L;
      for (Repo project : projects) {
        List<Entry> changed = new ArrayList<>();
        for (Entry e : byProject.getOrDefault(project.fullName(), List.of())) {
          if (e.life().changedIn(from, cutoff)) {
            changed.add(e);
          }
        }
        if (changed.isEmpty()) {
          continue;
        }
        changed.sort(Comparator.<Entry>comparingLong(e -> e.life().updatedAt(cutoff))
            .thenComparingLong(Entry::id).reversed());
        Path dir = landing.partition(SYSTEM, MERGE_REQUESTS, date, "project", project.fullName());
        for (int page = 0; page * PAGE_SIZE < changed.size(); page++) {
          List<Entry> part =
              changed.subList(page * PAGE_SIZE, Math.min(changed.size(), (page + 1) * PAGE_SIZE));
          ArrayNode arr = JsonFiles.MAPPER.createArrayNode();
          part.forEach(e -> arr.add(mergeRequestJson(people, e, cutoff)));
          landing.write(SYSTEM, MERGE_REQUESTS, dir.resolve("merge_requests-" + (page + 1) + ".json"),
              JsonFiles.bytes(arr), part.size());
        }
        for (Entry e : changed) {
          GitHistory.Pull pull = e.life().pull();
          if (pull.pushedAt.stream().noneMatch(t -> t >= from && t < cutoff)) {
            continue;
          }
          ArrayNode arr = JsonFiles.MAPPER.createArrayNode();
          for (int i = pull.commits.size() - 1; i >= 0; i--) {
            if (pull.pushedAt.get(i) < cutoff) {
              arr.add(commitJson(project, pull.commits.get(i)));
            }
          }
          landing.write(SYSTEM, COMMITS,
              landing.partition(SYSTEM, COMMITS, date, "project", project.fullName(),
                  "merge_request", Integer.toString(e.life().pr().number())).resolve("commits.json"),
              JsonFiles.bytes(arr), arr.size());
        }
      }
    }
  }

  /**
   * GitLab's millisecond timestamps; the milliseconds are a function of the merge request and the
   * second, so {@code updated_at} equals {@code merged_at} when the merge was the last change.
   */
  private static String time(long epochSecond, long mergeRequestId) {
    return JsonFiles.millisZ(epochSecond * 1000
        + Math.floorMod(Seeds.mix(mergeRequestId * 1_000_003L + epochSecond, "ms"), 1000L));
  }

  private static ObjectNode mergeRequestJson(Map<String, Person> people, Entry e, long cutoff) {
    Repo project = e.project();
    PullRequestLives.Life life = e.life();
    CodeActivity.PullRequest pr = life.pr();
    GitHistory.Pull pull = life.pull();
    boolean merged = pull.mergedAt >= 0 && pull.mergedAt < cutoff;
    boolean closed = life.closedAt() >= 0 && life.closedAt() < cutoff;
    boolean draft = life.isDraftAt(cutoff - 1);
    GitHistory.Commit head = pull.headAt(cutoff - 1);
    int iid = pr.number();
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", e.id());
    o.put("iid", iid);
    o.put("project_id", project.id());
    o.put("title", (draft ? "Draft: " : "") + pr.title());
    java.util.regex.Matcher key = java.util.regex.Pattern.compile("[A-Z]+-\\d+").matcher(
        pr.title() + " " + pr.branch());
    o.put("description", key.find() ? "Closes " + key.group() : "");
    o.put("state", merged ? "merged" : closed ? "closed" : "opened");
    o.put("created_at", time(pr.openedAt(), e.id()));
    o.put("updated_at", time(life.updatedAt(cutoff), e.id()));
    if (merged) {
      o.set("merged_by", GitlabExports.user(people, pull.merger, false));
      o.set("merge_user", GitlabExports.user(people, pull.merger, false));
      o.put("merged_at", time(pull.mergedAt, e.id()));
    } else {
      o.putNull("merged_by");
      o.putNull("merge_user");
      o.putNull("merged_at");
    }
    if (closed) {
      o.set("closed_by", GitlabExports.user(people, life.closedBy(), false));
      o.put("closed_at", time(life.closedAt(), e.id()));
    } else {
      o.putNull("closed_by");
      o.putNull("closed_at");
    }
    o.put("target_branch", project.defaultBranch());
    o.put("source_branch", pr.branch());
    o.put("user_notes_count", e.notes());
    o.put("upvotes", 0);
    o.put("downvotes", 0);
    o.set("author", GitlabExports.user(people, pr.author(), false));
    o.putArray("assignees");
    o.putNull("assignee");
    o.putArray("reviewers");
    o.put("source_project_id", project.id());
    o.put("target_project_id", project.id());
    o.putArray("labels");
    o.put("draft", draft);
    o.put("work_in_progress", draft);
    o.putNull("milestone");
    o.put("merge_when_pipeline_succeeds", false);
    o.put("merge_status", "can_be_merged");
    o.put("detailed_merge_status", merged || closed ? "not_open" : draft ? "draft_status"
        : "mergeable");
    o.put("sha", head.sha());
    o.putNull("merge_commit_sha"); // fast-forward: no merge commit
    if (merged) {
      o.put("squash_commit_sha", pull.merge.sha());
    } else {
      o.putNull("squash_commit_sha");
    }
    o.putNull("discussion_locked");
    o.put("should_remove_source_branch", true);
    o.put("force_remove_source_branch", true);
    o.put("reference", "!" + iid);
    ObjectNode refs = o.putObject("references");
    refs.put("short", "!" + iid);
    refs.put("relative", "!" + iid);
    refs.put("full", project.fullName() + "!" + iid);
    o.put("web_url", BASE + "/" + project.fullName() + "/-/merge_requests/" + iid);
    ObjectNode stats = o.putObject("time_stats");
    stats.put("time_estimate", 0);
    stats.put("total_time_spent", 0);
    stats.putNull("human_time_estimate");
    stats.putNull("human_total_time_spent");
    o.put("squash", true);
    o.put("squash_on_merge", true);
    ObjectNode tasks = o.putObject("task_completion_status");
    tasks.put("count", 0);
    tasks.put("completed_count", 0);
    o.put("has_conflicts", false);
    o.put("blocking_discussions_resolved", true);
    o.putNull("approvals_before_merge");
    return o;
  }

  private static ObjectNode commitJson(Repo project, GitHistory.Commit c) {
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", c.sha());
    o.put("short_id", c.sha().substring(0, 8));
    o.put("created_at", JsonFiles.millisZ(c.committedAt() * 1000));
    o.putArray("parent_ids");
    o.put("title", c.subject());
    o.put("message", c.message() + "\n");
    o.put("author_name", c.author().name());
    o.put("author_email", c.author().email());
    o.put("authored_date", JsonFiles.millisZ(c.authoredAt() * 1000));
    o.put("committer_name", c.committer().name());
    o.put("committer_email", c.committer().email());
    o.put("committed_date", JsonFiles.millisZ(c.committedAt() * 1000));
    o.putObject("trailers");
    o.put("web_url", BASE + "/" + project.fullName() + "/-/commit/" + c.sha());
    return o;
  }
}
