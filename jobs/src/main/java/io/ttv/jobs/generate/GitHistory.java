package io.ttv.jobs.generate;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The commit graph of every repository, built around the commits {@link CodeActivity} already gave
 * the CI sources (same shas, authors, messages and times), for the git log and the pull-request
 * exports:
 *
 * <ul>
 *   <li>a short history before the range: a root commit ("Initial commit") 4-9 months before the
 *       range, a few direct pushes, then 20-50 squash-merged pull requests (and, where merge commits
 *       are allowed, a few true merges) up to the activity's initial head, so the first deployment's
 *       look-back of 90 days finds commits;
 *   <li>branch commits: the first one's parent is the default branch's head when it was authored
 *       (the branch point), each later one's parent the previous commit of the branch;
 *   <li>merges: mostly squash merges (one parent, the previous default head). About two GitHub repos
 *       in five allow merge commits too ({@code merge_commit_title = PR_TITLE}, so the subject is the
 *       same {@code Title (#N)} the CI sources show); there, about half the pull requests that have a
 *       single commit and were merged by their author get a true merge commit (parents: the previous
 *       default head and the branch head), whose branch commits then ship with it. GitLab projects
 *       squash and fast-forward every merge request.
 * </ul>
 *
 * <p>Branches are deleted when their pull request is merged (GitHub's "automatically delete head
 * branches", GitLab's "delete source branch"): a squash-merged branch's commits leave {@code git log
 * --all} at the merge. Open and closed-unmerged branches stay.
 *
 * <p>Dates: the author date is in the author's team time zone (bots and GitHub's web-flow in UTC), the
 * committer date of a merge in the merger's zone; a branch commit's committer date is its author date
 * unless its parent is newer (then a few seconds after the parent, as after a rebase).
 */
final class GitHistory {

  /** One commit; {@code arrivedAt}: when it reached the remote; {@code goneAt}: when its branch was deleted. */
  record Commit(
      String sha,
      List<String> parents,
      Author author,
      ZoneId authorZone,
      long authoredAt,
      Author committer,
      ZoneId committerZone,
      long committedAt,
      String message,
      String treeSha,
      long arrivedAt,
      long goneAt) {

    String subject() {
      int nl = message.indexOf('\n');
      return nl < 0 ? message : message.substring(0, nl);
    }

    boolean visibleAt(long cutoff) {
      return arrivedAt < cutoff && goneAt >= cutoff;
    }
  }

  /**
   * A pull request's git side: its branch commits with their push times, and how it was merged
   * ({@code merge} null while unmerged).
   */
  static final class Pull {
    final CodeActivity.PullRequest pull;
    final List<Commit> commits = new ArrayList<>();
    final List<Long> pushedAt = new ArrayList<>();
    Commit merge;
    boolean trueMerge;
    Author merger;
    long mergedAt = -1;

    Pull(CodeActivity.PullRequest pull) {
      this.pull = pull;
    }

    /** The branch head as of {@code t} (null before the first push). */
    Commit headAt(long t) {
      Commit head = null;
      for (int i = 0; i < commits.size() && pushedAt.get(i) <= t; i++) {
        head = commits.get(i);
      }
      return head;
    }
  }

  private static final long NEVER = Long.MAX_VALUE;

  private final Map<String, List<Commit>> commits; // by repo full name, parents before children
  private final Map<String, Pull> pulls; // by "repo#number"
  private final Map<String, ZoneId> zones;
  private final Map<String, TreeMap<Long, Commit>> defaults; // default-branch heads by commit time

  private GitHistory(Map<String, List<Commit>> commits, Map<String, Pull> pulls,
      Map<String, ZoneId> zones, Map<String, TreeMap<Long, Commit>> defaults) {
    this.commits = commits;
    this.pulls = pulls;
    this.zones = zones;
    this.defaults = defaults;
  }

  /** The default branch's head at {@code epochSecond} (the initial head for earlier times). */
  Commit defaultHeadAt(Repo repo, long epochSecond) {
    TreeMap<Long, Commit> heads = defaults.get(repo.fullName());
    Map.Entry<Long, Commit> e = heads.floorEntry(epochSecond);
    return e == null ? heads.firstEntry().getValue() : e.getValue();
  }

  /** Every commit of the repository ever pushed, parents before children. */
  List<Commit> commits(Repo repo) {
    return commits.getOrDefault(repo.fullName(), List.of());
  }

  /** The pull requests of the repository, in opening order. */
  List<Pull> pulls(Repo repo) {
    List<Pull> out = new ArrayList<>();
    for (Pull p : pulls.values()) {
      if (p.pull.repo().fullName().equals(repo.fullName())) {
        out.add(p);
      }
    }
    out.sort(java.util.Comparator.comparingLong((Pull p) -> p.pull.openedAt())
        .thenComparingInt(p -> p.pull.number()));
    return out;
  }

  /** The time zone a person's (or bot's) dates are written in. */
  ZoneId zoneOf(Author a) {
    return zones.getOrDefault(a.login(), ZoneOffset.UTC);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Builds the graphs of the organisation's GitHub repos ({@code activity}), the GitLab projects and
   * the Jenkins-built repos ({@link Forges}); each repo draws from its own stream {@code
   * git/history/<repo>}, so nothing the CI sources wrote changes.
   */
  static GitHistory build(Organisation org, CodeActivity activity, Forges forges, long seed) {
    Map<String, ZoneId> zones = new HashMap<>();
    for (Person p : org.people()) {
      zones.put(p.githubLogin(), org.scheduleOf(p).zone());
    }
    for (Person p : org.outsiders()) {
      zones.put(p.githubLogin(), Organisation.OUTSIDE.zone());
    }
    Map<String, List<Commit>> commits = new TreeMap<>();
    Map<String, Pull> pulls = new TreeMap<>();
    Map<String, TreeMap<Long, Commit>> defaults = new TreeMap<>();
    Builder b = new Builder(org, zones, commits, pulls, defaults, seed);
    b.add(activity, true);
    b.add(forges.gitlabActivity(), false);
    b.add(forges.jenkinsActivity(), true);
    return new GitHistory(commits, pulls, zones, defaults);
  }

  private static final class Builder {
    final Organisation org;
    final Map<String, ZoneId> zones;
    final Map<String, List<Commit>> commits;
    final Map<String, Pull> pulls;
    final Map<String, TreeMap<Long, Commit>> defaultByTime;
    final long seed;

    Builder(Organisation org, Map<String, ZoneId> zones, Map<String, List<Commit>> commits,
        Map<String, Pull> pulls, Map<String, TreeMap<Long, Commit>> defaultByTime, long seed) {
      this.org = org;
      this.zones = zones;
      this.commits = commits;
      this.pulls = pulls;
      this.defaultByTime = defaultByTime;
      this.seed = seed;
    }

    ZoneId zone(Author a) {
      return zones.getOrDefault(a.login(), ZoneOffset.UTC);
    }

    void add(CodeActivity activity, boolean mergeCommitsPossible) {
      Map<String, SplittableRandom> randoms = new HashMap<>();
      Map<String, Boolean> allowsMerge = new HashMap<>();
      Map<String, Commit> heads = new HashMap<>();
      for (CodeActivity.Push p : activity.pushes()) {
        String repo = p.repo().fullName();
        SplittableRandom r = randoms.computeIfAbsent(repo,
            k -> Seeds.random(seed, "git/history/" + k));
        List<Commit> list = commits.computeIfAbsent(repo, k -> new ArrayList<>());
        TreeMap<Long, Commit> byTime = defaultByTime.computeIfAbsent(repo, k -> new TreeMap<>());
        CodeActivity.Commit c = p.commit();
        switch (p.kind()) {
          case INITIAL -> {
            allowsMerge.put(repo, mergeCommitsPossible && r.nextDouble() < 0.4);
            Commit before = preRange(p.repo(), c, allowsMerge.get(repo), r, list);
            Commit initial = new Commit(c.sha(), List.of(before.sha()), c.author(), zone(c.author()),
                c.authoredAt(), c.committer(), zone(p.pusher()), c.authoredAt(), c.message(),
                c.treeSha(), c.authoredAt(), NEVER);
            list.add(initial);
            byTime.put(initial.committedAt(), initial);
            heads.put(repo, initial);
          }
          case BRANCH_PUSH -> {
            Pull pull = pulls.computeIfAbsent(key(p.pull()), k -> new Pull(p.pull()));
            String parent;
            long parentDate;
            if (pull.commits.isEmpty()) {
              Map.Entry<Long, Commit> base = byTime.floorEntry(c.authoredAt());
              Commit baseCommit = base == null ? byTime.firstEntry().getValue() : base.getValue();
              parent = baseCommit.sha();
              parentDate = baseCommit.committedAt();
            } else {
              Commit prev = pull.commits.get(pull.commits.size() - 1);
              parent = prev.sha();
              parentDate = prev.committedAt();
            }
            long committed = c.authoredAt();
            if (committed <= parentDate) {
              committed = Math.min(p.at(), parentDate + 1 + r.nextInt(60));
            }
            ZoneId zone = zone(c.author());
            ZoneId committerZone = c.committer().equals(Author.WEB_FLOW) ? ZoneOffset.UTC : zone;
            Commit commit = new Commit(c.sha(), List.of(parent), c.author(), zone, c.authoredAt(),
                c.committer(), committerZone, committed, c.message(), c.treeSha(), p.at(), NEVER);
            pull.commits.add(commit);
            pull.pushedAt.add(p.at());
            list.add(commit);
          }
          case MERGE -> {
            Pull pull = pulls.computeIfAbsent(key(p.pull()), k -> new Pull(p.pull()));
            Commit head = heads.get(repo);
            Commit branchHead = pull.commits.isEmpty() ? null
                : pull.commits.get(pull.commits.size() - 1);
            boolean trueMerge = allowsMerge.getOrDefault(repo, false) && branchHead != null
                && pull.commits.size() == 1 && !c.author().bot()
                && p.pusher().login().equals(c.author().login()) && r.nextDouble() < 0.5;
            List<String> parents = trueMerge ? List.of(head.sha(), branchHead.sha())
                : List.of(head.sha());
            Commit merge = new Commit(c.sha(), parents, c.author(), zone(c.author()), c.authoredAt(),
                c.committer(), zone(p.pusher()), p.at(), c.message(), c.treeSha(), p.at(), NEVER);
            if (!trueMerge) {
              // The branch is deleted with the merge; its squashed commits leave the log.
              for (int i = 0; i < pull.commits.size(); i++) {
                Commit gone = withGoneAt(pull.commits.get(i), p.at());
                pull.commits.set(i, gone);
                list.set(list.lastIndexOf(findBySha(list, gone.sha())), gone);
              }
            }
            pull.merge = merge;
            pull.trueMerge = trueMerge;
            pull.merger = p.pusher();
            pull.mergedAt = p.at();
            heads.put(repo, merge);
            byTime.put(merge.committedAt(), merge);
            list.add(merge);
          }
          default -> throw new IllegalStateException("unknown push kind " + p.kind());
        }
      }
    }

    private static Commit findBySha(List<Commit> list, String sha) {
      for (int i = list.size() - 1; i >= 0; i--) {
        if (list.get(i).sha().equals(sha)) {
          return list.get(i);
        }
      }
      throw new IllegalStateException("no commit " + sha);
    }

    private static Commit withGoneAt(Commit c, long goneAt) {
      return new Commit(c.sha(), c.parents(), c.author(), c.authorZone(), c.authoredAt(),
          c.committer(), c.committerZone(), c.committedAt(), c.message(), c.treeSha(), c.arrivedAt(),
          goneAt);
    }

    /**
     * The history before the initial head: a root commit, a few direct pushes, then squash-merged
     * pull requests numbered up to the initial head's, in the team's working time. Returns the newest
     * commit (the initial head's parent).
     */
    private Commit preRange(Repo repo, CodeActivity.Commit initial, boolean allowsMerge,
        SplittableRandom r, List<Commit> out) {
      List<Person> team = org.peopleOf(repo.team());
      Team schedule = org.team(repo.team());
      Author dependabot = org.bot("dependabot[bot]").author();
      int count = 20 + r.nextInt(31);
      long end = initial.authoredAt() - 3600;
      long start = end - 86_400L * (120 + r.nextInt(150));
      int direct = 3 + r.nextInt(4);
      // Pull-request numbers counted back from the initial head's, oldest first; the history starts
      // with direct pushes before the first pull request.
      int[] numbers = new int[count];
      int n = prNumber(initial.message());
      for (int i = count - 1; i > direct; i--) {
        n -= 1 + (r.nextDouble() < 0.25 ? r.nextInt(3) : 0);
        numbers[i] = Math.max(n, 0);
      }
      long step = (end - start) / count;
      long t = start;
      Commit head = null;
      for (int i = 0; i < count; i++) {
        long target = start + i * step + (long) (r.nextDouble() * step * 0.8);
        long working = schedule.nextWorkingMoment(target);
        if (working != target) {
          working += r.nextInt(3 * 3600); // the next morning, not all at its first minute
        }
        long at = Math.max(t + 60, working);
        if (at >= end) {
          at = t + 60;
        }
        t = at;
        Author author = team.isEmpty() ? dependabot : team.get(r.nextInt(team.size())).author();
        if (i == 0) {
          head = commit(Seeds.sha(r), List.of(), author, author, at, at, "Initial commit", r);
          out.add(head);
          continue;
        }
        if (numbers[i] <= 0) {
          String subject = DIRECT.get((i - 1) % DIRECT.size());
          head = commit(Seeds.sha(r), List.of(head.sha()), author, author, at, at, subject, r);
          out.add(head);
          continue;
        }
        int number = numbers[i];
        boolean bump = r.nextDouble() < 0.12;
        String title;
        if (bump) {
          author = dependabot;
          title = "Bump " + DEPENDENCIES.get(r.nextInt(DEPENDENCIES.size())) + " from 1."
              + r.nextInt(10) + ".0 to 1." + (10 + r.nextInt(5)) + ".0";
        } else {
          String verb = VERBS.get(r.nextInt(VERBS.size()));
          String what = verb + " " + OBJECTS.get(r.nextInt(OBJECTS.size()));
          title = r.nextDouble() < 0.65
              ? schedule.issueKey() + "-" + (20 + r.nextInt(400)) + ": " + what : what;
        }
        Author merger = bump && !team.isEmpty() ? team.get(r.nextInt(team.size())).author() : author;
        String message = title + " (#" + number + ")";
        if (allowsMerge && !bump && r.nextDouble() < 0.35) {
          // A true merge: one or two branch commits, then the merge commit.
          int size = 1 + r.nextInt(2);
          Commit branch = null;
          long bt = Math.max(head.committedAt() + 60, at - 3600L * (1 + r.nextInt(20)));
          for (int k = 0; k < size; k++) {
            String subject = k == 0 ? title : FOLLOW_UPS.get(r.nextInt(FOLLOW_UPS.size()));
            long when = Math.max(head.committedAt() + 1 + k, Math.min(at - 120 + k, bt + k * 600L));
            branch = commit(Seeds.sha(r), List.of(branch == null ? head.sha() : branch.sha()),
                author, author, when, when, subject, r);
            out.add(branch);
          }
          head = commit(Seeds.sha(r), List.of(head.sha(), branch.sha()), merger, Author.WEB_FLOW,
              at, at, message, r);
          out.add(head);
          continue;
        }
        if (!bump && r.nextDouble() < 0.4) {
          message += "\n\n* " + title.replaceFirst("^[A-Z]+-\\d+: ", "") + "\n* "
              + FOLLOW_UPS.get(r.nextInt(FOLLOW_UPS.size()));
        }
        head = new Commit(Seeds.sha(r), List.of(head.sha()), author, zone(author), at,
            Author.WEB_FLOW, zone(merger), at, message, Seeds.sha(r), at, NEVER);
        out.add(head);
      }
      return head;
    }

    private Commit commit(String sha, List<String> parents, Author author, Author committer,
        long authored, long committed, String message, SplittableRandom r) {
      ZoneId committerZone = committer.equals(Author.WEB_FLOW) ? zone(author) : zone(committer);
      return new Commit(sha, parents, author, zone(author), authored, committer, committerZone,
          committed, message, Seeds.sha(r), committed, NEVER);
    }
  }

  static String key(CodeActivity.PullRequest pr) {
    return pr.repo().fullName() + "#" + pr.number();
  }

  /** The number in a squash subject's {@code (#N)}, or 0. */
  static int prNumber(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(#(\\d+)\\)").matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static final List<String> DIRECT =
      List.of("Add build configuration", "Set up CI workflow", "Add README", "Add CODEOWNERS",
          "Add Dockerfile", "Configure linter", "Add health endpoint");

  private static final List<String> VERBS =
      List.of("Add", "Fix", "Refactor", "Remove", "Update", "Improve", "Handle", "Support");

  private static final List<String> OBJECTS =
      List.of("request logging", "config loading", "error handling in client", "database migrations",
          "metrics endpoint", "integration tests", "retry policy", "input validation",
          "API documentation", "graceful shutdown", "connection pooling", "feature flags",
          "JSON serialisation", "authentication middleware", "deployment manifests");

  private static final List<String> FOLLOW_UPS =
      List.of("Address review comments", "Fix tests", "Apply formatter", "Add missing test",
          "Fix lint");

  private static final List<String> DEPENDENCIES =
      List.of("com.fasterxml.jackson.core:jackson-databind", "requests", "axios",
          "github.com/stretchr/testify", "org.junit:junit-bom");
}
