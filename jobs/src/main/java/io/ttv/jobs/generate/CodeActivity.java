package io.ttv.jobs.generate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the engineers did in git during the date range: pull requests opened, commits pushed to their
 * branches, squash merges to the default branch, and Dependabot's version bumps. Independent of any CI
 * or VCS product, so every source writer (CI, deployments, pull requests, merge requests, git log)
 * renders the same commits and the same pull requests ({@link GitHistory} adds their graph).
 *
 * <p>Times are epoch seconds (UTC). Only what happened inside the range is kept; pull requests not
 * merged by its end stay open.
 */
public final class CodeActivity {

  public enum Kind {
    /** The default branch's head before the range started. */
    INITIAL,
    /** A commit pushed to a pull request's branch. */
    BRANCH_PUSH,
    /** A pull request squash-merged to the default branch. */
    MERGE
  }

  public record PullRequest(
      Repo repo, int number, long id, String title, String branch, Author author, long openedAt) {}

  public record Commit(
      String sha, String treeSha, String message, long authoredAt, Author author, Author committer) {
    public String subject() {
      int nl = message.indexOf('\n');
      return nl < 0 ? message : message.substring(0, nl);
    }
  }

  /**
   * One push: {@code pull} is the pull request the branch belongs to (for a merge: the merged one);
   * {@code baseSha} is the default branch's head at the time (for a merge: before it).
   */
  public record Push(
      long at,
      Kind kind,
      Repo repo,
      String branch,
      Commit commit,
      Author pusher,
      PullRequest pull,
      String baseSha) {}

  private final List<Push> pushes;
  private final Map<Long, List<Push>> defaultBranchHistory;

  private CodeActivity(List<Push> pushes, Map<Long, List<Push>> defaultBranchHistory) {
    this.pushes = List.copyOf(pushes);
    this.defaultBranchHistory = defaultBranchHistory;
  }

  /** Every push in time order, the initial heads of the default branches first. */
  public List<Push> pushes() {
    return pushes;
  }

  /** The default branch's newest push at or before {@code epochSecond}. */
  public Push defaultBranchHeadAt(Repo repo, long epochSecond) {
    List<Push> history = defaultBranchHistory.get(repo.id());
    int lo = 0; // history.get(0), the initial head, is older than the range
    int hi = history.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (history.get(mid).at() <= epochSecond) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return history.get(lo);
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Draft {
    Repo repo;
    String title;
    String branch;
    Author author;
    long openedAt;
    long mergeAt = Long.MAX_VALUE;
    Author merger;
    int number;
    long id;
    final List<DraftPush> pushes = new ArrayList<>();
    PullRequest pull;
  }

  private record DraftPush(long at, Commit commit) {}

  private static final List<String> VERBS =
      List.of("Add", "Fix", "Refactor", "Remove", "Update", "Improve", "Handle", "Support",
          "Validate", "Cache", "Log", "Speed up");

  private static final List<String> OBJECTS =
      List.of("retry for webhook delivery", "pagination in list endpoint", "null check in mapper",
          "timeout on upstream calls", "metrics for queue depth", "flaky integration test",
          "feature flag for new checkout", "error message for invalid input", "batch size for exports",
          "index on created_at", "rate limiting per client", "currency rounding", "health check",
          "audit log entries", "config reload", "connection pool sizing", "OpenAPI spec",
          "duplicate events", "dead letter queue", "slow query in report", "locale handling",
          "password reset flow", "search suggestions", "cache invalidation", "CSV export",
          "graceful shutdown", "tracing spans", "input sanitising", "build warnings");

  private static final List<String> FOLLOW_UPS =
      List.of("Address review comments", "Fix tests", "Apply formatter", "Rename variable",
          "Add missing test", "Update snapshot", "Fix lint", "Simplify logic", "Handle edge case",
          "Clean up");

  private record Bump(String ecosystem, String dependency) {}

  private static final Map<String, List<Bump>> BUMPS =
      Map.of(
          "java", List.of(new Bump("maven", "com.fasterxml.jackson.core:jackson-databind"),
              new Bump("maven", "org.postgresql:postgresql"), new Bump("maven", "org.junit:junit-bom"),
              new Bump("maven", "io.micrometer:micrometer-core")),
          "python", List.of(new Bump("pip", "requests"), new Bump("pip", "pydantic"),
              new Bump("pip", "pytest"), new Bump("pip", "sqlalchemy")),
          "node", List.of(new Bump("npm_and_yarn", "axios"), new Bump("npm_and_yarn", "typescript"),
              new Bump("npm_and_yarn", "eslint"), new Bump("npm_and_yarn", "@types/node")),
          "go", List.of(new Bump("go_modules", "github.com/stretchr/testify"),
              new Bump("go_modules", "golang.org/x/net"), new Bump("go_modules", "google.golang.org/grpc")));

  /** Simulates the range for the whole organisation. */
  public static CodeActivity simulate(Organisation org, DateRange range, long seed) {
    return simulate(org, range, seed, 1.0);
  }

  /**
   * Simulates the range with the people's activity scaled by {@code activity} (1.0: every working day
   * but days off; the repositories on other forges get a share of people's time on top of GitHub's).
   */
  public static CodeActivity simulate(Organisation org, DateRange range, long seed, double activity) {
    List<Draft> drafts = new ArrayList<>();
    List<Repo> repos = org.repos();
    for (Person p : org.people()) {
      Team schedule = org.scheduleOf(p);
      List<Repo> home = org.reposOf(p.team());
      List<Repo> others = repos.stream().filter(r -> !r.team().equals(p.team())).toList();
      List<Person> teammates = org.peopleOf(p.team());
      contribute(p, schedule, home, others, teammates, range, Seeds.random(seed, "person/" + p.id()),
          drafts, activity);
    }
    for (Person p : org.outsiders()) {
      SplittableRandom random = Seeds.random(seed, "person/" + p.id());
      Repo repo = repos.get(random.nextInt(repos.size()));
      contribute(p, org.scheduleOf(p), List.of(repo), List.of(), org.peopleOf(repo.team()), range,
          random, drafts, 0.4);
    }
    Author dependabot = org.bot("dependabot[bot]").author();
    for (Repo repo : repos) {
      dependabot(repo, dependabot, org, range, Seeds.random(seed, "dependabot/" + repo.fullName()),
          drafts);
    }
    return assemble(org, range, drafts, Seeds.random(seed, "numbers"));
  }

  /**
   * One contributor's days: 1-4 pushes on most working days (none on a day off), rarely some at the
   * weekend; a push goes to the newest open pull request not yet approved, or opens a new one; about
   * every fourth push is followed by a merge a few hours later, within working time.
   */
  private static void contribute(
      Person person,
      Team schedule,
      List<Repo> home,
      List<Repo> others,
      List<Person> teammates,
      DateRange range,
      SplittableRandom random,
      List<Draft> drafts,
      double activity) {
    Author author = person.author();
    List<Draft> open = new ArrayList<>();
    for (LocalDate date : range.dates()) {
      boolean working = schedule.isWorkingDay(date);
      int count;
      if (working) {
        if (random.nextDouble() < 0.05 || random.nextDouble() >= activity) {
          continue; // a day off, or an occasional contributor's quiet day
        }
        count = 1 + random.nextInt(4);
      } else {
        if (random.nextDouble() >= 0.06 * activity) {
          continue;
        }
        count = 1 + random.nextInt(2);
      }
      long[] times = new long[count];
      for (int i = 0; i < count; i++) {
        times[i] = pushTime(schedule, date, working, random);
      }
      java.util.Arrays.sort(times);
      for (long at : times) {
        open.removeIf(d -> d.mergeAt <= at);
        Draft pr = null;
        for (int i = open.size() - 1; i >= 0; i--) {
          if (open.get(i).mergeAt == Long.MAX_VALUE) {
            pr = open.get(i);
            break;
          }
        }
        if (pr == null || (open.size() < 3 && random.nextDouble() < 0.12)) {
          pr = open(author, schedule, home, others, at, random);
          open.add(pr);
          drafts.add(pr);
        }
        String message =
            pr.pushes.isEmpty() ? pr.title : FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
        long authoredAt = at - 30 - random.nextInt(2400);
        pr.pushes.add(new DraftPush(at, new Commit(Seeds.sha(random), Seeds.sha(random), message,
            authoredAt, author, author)));
        if (random.nextDouble() < 0.25) {
          long approved = at + 900 + random.nextInt(4 * 3600);
          long mergeAt = schedule.nextWorkingMoment(approved);
          if (mergeAt != approved) {
            mergeAt += random.nextInt(2 * 3600); // moved to the next morning: not all at 09:00 sharp
          }
          pr.mergeAt = mergeAt;
          pr.merger =
              teammates.size() > 1 && random.nextDouble() < 0.15
                  ? teammates.get(random.nextInt(teammates.size())).author()
                  : author;
        }
      }
    }
  }

  private static long pushTime(Team schedule, LocalDate date, boolean working, SplittableRandom r) {
    if (!working) {
      return schedule.epochAt(date, java.time.LocalTime.of(10, 0)) + r.nextInt(8 * 3600);
    }
    if (r.nextDouble() < 0.08) { // after hours
      return schedule.workEndEpoch(date) + r.nextInt(150 * 60);
    }
    return schedule.workStartEpoch(date) + (long) (r.nextDouble() * schedule.workSeconds());
  }

  private static Draft open(
      Author author, Team schedule, List<Repo> home, List<Repo> others, long at, SplittableRandom r) {
    Draft d = new Draft();
    if (!others.isEmpty() && r.nextDouble() < 0.04) {
      d.repo = others.get(r.nextInt(others.size()));
    } else {
      int[] weights = {4, 3, 2, 1};
      int total = 0;
      for (int i = 0; i < home.size(); i++) {
        total += weights[Math.min(i, 3)];
      }
      int pick = r.nextInt(total);
      int i = 0;
      while (pick >= weights[Math.min(i, 3)]) {
        pick -= weights[Math.min(i, 3)];
        i++;
      }
      d.repo = home.get(i);
    }
    String verb = VERBS.get(r.nextInt(VERBS.size()));
    String object = OBJECTS.get(r.nextInt(OBJECTS.size()));
    String what = verb + " " + object;
    String slug = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    String key = schedule.issueKey() + "-" + (100 + r.nextInt(900));
    String prefix = verb.equals("Fix") ? "fix/" : "feature/";
    double style = r.nextDouble();
    if (style < 0.6) {
      d.title = key + ": " + what;
      d.branch = prefix + key + "-" + slug;
    } else if (style < 0.85) {
      d.title = what;
      d.branch = key + "-" + slug;
    } else {
      d.title = what;
      d.branch = prefix + slug;
    }
    d.author = author;
    d.openedAt = at;
    return d;
  }

  /** Dependabot opens a bump or two on most Mondays at 05:xx UTC; the owning team merges most. */
  private static void dependabot(
      Repo repo, Author bot, Organisation org, DateRange range, SplittableRandom r, List<Draft> out) {
    List<Bump> bumps = BUMPS.getOrDefault(repo.language(), BUMPS.get("java"));
    List<Person> team = org.peopleOf(repo.team());
    for (LocalDate date : range.dates()) {
      if (date.getDayOfWeek() != java.time.DayOfWeek.MONDAY || r.nextDouble() >= 0.7) {
        continue;
      }
      int count = r.nextDouble() < 0.3 ? 2 : 1;
      for (int i = 0; i < count; i++) {
        Bump bump = bumps.get(r.nextInt(bumps.size()));
        int major = 1 + r.nextInt(5);
        int minor = r.nextInt(20);
        int patch = r.nextInt(8);
        String from = major + "." + minor + "." + patch;
        String to = major + "." + minor + "." + (patch + 1 + r.nextInt(3));
        Draft d = new Draft();
        d.repo = repo;
        d.author = bot;
        d.title = "Bump " + bump.dependency() + " from " + from + " to " + to;
        d.branch = "dependabot/" + bump.ecosystem() + "/"
            + bump.dependency().replace(':', '-') + "-" + to;
        d.openedAt = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + 5 * 3600
            + r.nextInt(3600) + i * 180L;
        String message = d.title + "\n\nBumps " + bump.dependency() + " from " + from + " to " + to
            + ".\n\n---\nupdated-dependencies:\n- dependency-name: " + bump.dependency()
            + "\n  dependency-type: direct:production\n...\n\nSigned-off-by: dependabot[bot] <support@github.com>";
        d.pushes.add(new DraftPush(d.openedAt, new Commit(Seeds.sha(r), Seeds.sha(r), message,
            d.openedAt - 4, bot, Author.WEB_FLOW)));
        if (!team.isEmpty() && r.nextDouble() < 0.6) {
          Person merger = team.get(r.nextInt(team.size()));
          Team schedule = org.scheduleOf(merger);
          d.mergeAt = schedule.nextWorkingMoment(d.openedAt + 1800 + r.nextInt(36 * 3600))
              + r.nextInt(3 * 3600);
          d.merger = merger.author();
        }
        out.add(d);
      }
    }
  }

  /**
   * Numbers pull requests per repository in opening order (starting where an older history would have
   * left off), gives them ids in global opening order, and turns the drafts into pushes: branch pushes
   * and squash merges, each knowing the default branch's head at its time.
   */
  private static CodeActivity assemble(
      Organisation org, DateRange range, List<Draft> drafts, SplittableRandom r) {
    long end = range.endEpoch();
    Comparator<Draft> byOpening =
        Comparator.<Draft>comparingLong(d -> d.openedAt)
            .thenComparing(d -> d.repo.fullName())
            .thenComparing(d -> d.pushes.get(0).commit().sha());
    List<Draft> kept = drafts.stream().filter(d -> d.openedAt < end).sorted(byOpening).toList();

    Map<Long, Integer> nextNumber = new HashMap<>();
    List<Repo> repos = org.repos();
    for (Repo repo : repos) {
      nextNumber.put(repo.id(), 20 + r.nextInt(600));
    }
    long nextId = 1_900_000_000L + r.nextInt(100_000_000);
    for (Draft d : kept) {
      int number = nextNumber.get(d.repo.id());
      d.number = number;
      nextNumber.put(d.repo.id(), number + 1 + (r.nextDouble() < 0.3 ? r.nextInt(3) : 0));
      nextId += 1 + r.nextInt(40);
      d.id = nextId;
      d.pull = new PullRequest(d.repo, d.number, d.id, d.title, d.branch, d.author, d.openedAt);
    }

    // The default branches: an initial head from before the range, then the merges in time order.
    Map<Long, List<Push>> history = new HashMap<>();
    List<Push> all = new ArrayList<>();
    for (Repo repo : repos) {
      List<Person> team = org.peopleOf(repo.team());
      Author author = team.isEmpty()
          ? org.bot("dependabot[bot]").author()
          : team.get(r.nextInt(team.size())).author();
      long at = range.startEpoch() - 86_400L * (1 + r.nextInt(5)) - r.nextInt(36_000);
      int release = 1 + r.nextInt(9);
      Commit commit = new Commit(Seeds.sha(r), Seeds.sha(r),
          "Prepare release 1." + release + ".0 (#" + (nextNumber.get(repo.id()) - 1) + ")", at,
          author, Author.WEB_FLOW);
      Push initial = new Push(at, Kind.INITIAL, repo, repo.defaultBranch(), commit, author, null, null);
      history.put(repo.id(), new ArrayList<>(List.of(initial)));
      all.add(initial);
    }
    List<Draft> merged = kept.stream()
        .filter(d -> d.mergeAt < end)
        .sorted(Comparator.<Draft>comparingLong(d -> d.mergeAt)
            .thenComparing(d -> d.repo.fullName())
            .thenComparingInt(d -> d.number))
        .toList();
    for (Draft d : merged) {
      List<Push> repoHistory = history.get(d.repo.id());
      String baseSha = repoHistory.get(repoHistory.size() - 1).commit().sha();
      StringBuilder message = new StringBuilder(d.title).append(" (#").append(d.number).append(')');
      if (d.pushes.size() > 1) {
        message.append("\n");
        for (DraftPush p : d.pushes) {
          message.append("\n* ").append(p.commit().subject());
        }
      }
      Commit commit = new Commit(Seeds.sha(r), Seeds.sha(r), message.toString(), d.mergeAt,
          d.author, Author.WEB_FLOW);
      Push merge = new Push(d.mergeAt, Kind.MERGE, d.repo, d.repo.defaultBranch(), commit, d.merger,
          d.pull, baseSha);
      repoHistory.add(merge);
      all.add(merge);
    }
    CodeActivity partial = new CodeActivity(List.of(), history);
    for (Draft d : kept) {
      for (DraftPush p : d.pushes) {
        if (p.at() >= end || p.at() >= d.mergeAt) {
          continue;
        }
        String base = partial.defaultBranchHeadAt(d.repo, p.at()).commit().sha();
        all.add(new Push(p.at(), Kind.BRANCH_PUSH, d.repo, d.branch, p.commit(), d.author, d.pull,
            base));
      }
    }
    all.sort(Comparator.comparingLong(Push::at)
        .thenComparing(p -> p.repo().fullName())
        .thenComparing(Push::kind)
        .thenComparing(p -> p.commit().sha()));
    return new CodeActivity(all, history);
  }
}
