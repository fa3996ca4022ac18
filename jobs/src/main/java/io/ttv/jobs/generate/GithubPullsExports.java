package io.ttv.jobs.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Pull requests of the GitHub-hosted repositories (the organisation's repos and the Jenkins-built
 * ones, whose remote is on github.com), GitHub REST v3 bodies:
 *
 * <ul>
 *   <li>{@code github/pulls/dt=D/repo=<owner>%2F<name>/pulls-N.json}: pages of {@code GET
 *       /repos/{o}/{r}/pulls?state=all&sort=updated&direction=desc} (100 a page) with the pull
 *       requests that changed on D, as they stood at the end of D;
 *   <li>{@code github/pull_reviews/dt=D/repo=../pull=N/reviews.json}: {@code GET .../pulls/N/reviews}
 *       (oldest first) of each pull request that got a review on D;
 *   <li>{@code github/pull_commits/dt=D/repo=../pull=N/commits.json}: {@code GET .../pulls/N/commits}
 *       (oldest first) of each pull request pushed to on D.
 * </ul>
 *
 * <p>Numbers, ids, titles, branches, authors and head shas are the ones the Actions runs show. As on
 * GitHub, an open or closed-unmerged pull request also carries a {@code merge_commit_sha}: its test
 * merge commit, which no branch contains (so it is not in the git log); a merged one carries the squash
 * or merge commit. Lives (drafts, reviews, closing) come from {@link PullRequestLives}.
 */
final class GithubPullsExports implements SourceExports {

  static final String SYSTEM = GithubActionsExports.SYSTEM;
  static final String PULLS = "pulls";
  static final String REVIEWS = "pull_reviews";
  static final String COMMITS = "pull_commits";
  static final int PAGE_SIZE = 100;

  private static final String API = "https://api.github.com/repos/";

  @Override
  public String system() {
    return SYSTEM;
  }

  private record Entry(Repo repo, PullRequestLives.Life life, long id) {}

  @Override
  public void write(ExportContext ctx) {
    Organisation org = ctx.organisation();
    SplittableRandom r = ctx.stream(SYSTEM, "pulls");
    long end = ctx.range().endEpoch();
    List<Repo> repos = new ArrayList<>(org.repos());
    List<Repo> jenkins = new ArrayList<>();
    ctx.forges().jenkins().forEach(s -> jenkins.addAll(s.repos()));
    repos.addAll(jenkins);

    // Pull request ids are global on GitHub: the Jenkins-built repos' activity numbers its own, so
    // an id the organisation's repos already use moves to the next free one.
    Set<Long> used = new HashSet<>();
    Map<String, List<Entry>> byRepo = new HashMap<>();
    for (Repo repo : repos) {
      boolean probe = jenkins.contains(repo);
      List<Entry> entries = new ArrayList<>();
      for (PullRequestLives.Life life :
          PullRequestLives.of(org, ctx.history(), repo, end, ctx.seed(), true)) {
        long id = life.pr().id();
        if (probe) {
          while (used.contains(id)) {
            id++;
          }
        }
        used.add(id);
        entries.add(new Entry(repo, life, id));
      }
      byRepo.put(repo.fullName(), entries);
    }

    // Review ids: one global sequence in submission order.
    record Ref(Entry entry, int index) {}
    List<Ref> reviews = new ArrayList<>();
    for (Repo repo : repos) {
      for (Entry e : byRepo.get(repo.fullName())) {
        for (int i = 0; i < e.life().reviews().size(); i++) {
          reviews.add(new Ref(e, i));
        }
      }
    }
    reviews.sort(Comparator.<Ref>comparingLong(x -> x.entry().life().reviews().get(x.index()).at())
        .thenComparing(x -> x.entry().repo().fullName())
        .thenComparingInt(x -> x.entry().life().pr().number())
        .thenComparingInt(Ref::index));
    Map<String, Long> reviewIds = new HashMap<>();
    long nextReview = 2_700_000_000L + r.nextInt(100_000_000);
    for (Ref x : reviews) {
      nextReview += 1 + r.nextInt(90);
      reviewIds.put(GitHistory.key(x.entry().life().pr()) + "/" + x.index(), nextReview);
    }

    Landing landing = ctx.landing();
    for (LocalDate date : ctx.range().dates()) {
      long from = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      long cutoff = from + 86_400L;
      for (Repo repo : repos) {
        List<Entry> changed = new ArrayList<>();
        for (Entry e : byRepo.get(repo.fullName())) {
          if (e.life().changedIn(from, cutoff)) {
            changed.add(e);
          }
        }
        if (changed.isEmpty()) {
          continue;
        }
        changed.sort(Comparator.<Entry>comparingLong(e -> e.life().updatedAt(cutoff))
            .thenComparingInt(e -> e.life().pr().number()).reversed());
        Path dir = landing.partition(SYSTEM, PULLS, date, "repo", repo.fullName());
        for (int page = 0; page * PAGE_SIZE < changed.size(); page++) {
          List<Entry> part =
              changed.subList(page * PAGE_SIZE, Math.min(changed.size(), (page + 1) * PAGE_SIZE));
          ArrayNode arr = JsonFiles.MAPPER.createArrayNode();
          part.forEach(e -> arr.add(pullJson(ctx, e, cutoff)));
          landing.write(SYSTEM, PULLS, dir.resolve("pulls-" + (page + 1) + ".json"),
              JsonFiles.bytes(arr), part.size());
        }
        for (Entry e : changed) {
          PullRequestLives.Life life = e.life();
          String number = Integer.toString(life.pr().number());
          List<PullRequestLives.Review> rs = life.reviews();
          if (rs.stream().anyMatch(x -> x.at() >= from && x.at() < cutoff)) {
            ArrayNode arr = JsonFiles.MAPPER.createArrayNode();
            for (int i = 0; i < rs.size(); i++) {
              if (rs.get(i).at() < cutoff) {
                arr.add(reviewJson(e, rs.get(i),
                    reviewIds.get(GitHistory.key(life.pr()) + "/" + i)));
              }
            }
            landing.write(SYSTEM, REVIEWS,
                landing.partition(SYSTEM, REVIEWS, date, "repo", repo.fullName(), "pull", number)
                    .resolve("reviews.json"), JsonFiles.bytes(arr), arr.size());
          }
          GitHistory.Pull pull = life.pull();
          if (pull.pushedAt.stream().anyMatch(t -> t >= from && t < cutoff)) {
            ArrayNode arr = JsonFiles.MAPPER.createArrayNode();
            for (int i = 0; i < pull.commits.size() && pull.pushedAt.get(i) < cutoff; i++) {
              arr.add(commitJson(repo, pull.commits.get(i)));
            }
            landing.write(SYSTEM, COMMITS,
                landing.partition(SYSTEM, COMMITS, date, "repo", repo.fullName(), "pull", number)
                    .resolve("commits.json"), JsonFiles.bytes(arr), arr.size());
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  static ObjectNode user(Author a) {
    return JsonFiles.githubUser(a.login(), a.githubId(), a.bot() ? "Bot" : "User");
  }

  /** The full repository object of a pull request's {@code head} and {@code base}. */
  private static ObjectNode fullRepository(Organisation org, Repo repo) {
    ObjectNode o = JsonFiles.githubRepository(org, repo);
    String created = "2023-0" + (1 + Math.floorMod(repo.id(), 9)) + "-1"
        + Math.floorMod(repo.id() / 10, 10) + "T09:" + (10 + Math.floorMod(repo.id() / 100, 50))
        + ":00Z";
    o.put("created_at", created);
    o.put("updated_at", created);
    o.put("pushed_at", created);
    o.put("git_url", "git://github.com/" + repo.fullName() + ".git");
    o.put("ssh_url", "git@github.com:" + repo.fullName() + ".git");
    o.put("clone_url", "https://github.com/" + repo.fullName() + ".git");
    o.put("svn_url", "https://github.com/" + repo.fullName());
    o.putNull("homepage");
    o.put("size", 800 + Math.floorMod(repo.id(), 40_000));
    o.put("stargazers_count", 0);
    o.put("watchers_count", 0);
    o.put("language", switch (repo.language()) {
      case "python" -> "Python";
      case "node" -> "TypeScript";
      case "go" -> "Go";
      default -> "Java";
    });
    o.put("has_issues", false);
    o.put("has_projects", false);
    o.put("has_downloads", true);
    o.put("has_wiki", false);
    o.put("has_pages", false);
    o.put("has_discussions", false);
    o.put("forks_count", 0);
    o.putNull("mirror_url");
    o.put("archived", false);
    o.put("disabled", false);
    o.put("open_issues_count", 0);
    o.putNull("license");
    o.put("allow_forking", false);
    o.put("is_template", false);
    o.put("web_commit_signoff_required", false);
    o.putArray("topics");
    o.put("visibility", "private");
    o.put("forks", 0);
    o.put("open_issues", 0);
    o.put("watchers", 0);
    o.put("default_branch", repo.defaultBranch());
    return o;
  }

  private static ObjectNode pullJson(ExportContext ctx, Entry e, long cutoff) {
    Repo repo = e.repo();
    PullRequestLives.Life life = e.life();
    CodeActivity.PullRequest pr = life.pr();
    GitHistory.Pull pull = life.pull();
    Organisation org = ctx.organisation();
    boolean merged = pull.mergedAt >= 0 && pull.mergedAt < cutoff;
    boolean closed = life.closedAt() >= 0 && life.closedAt() < cutoff;
    GitHistory.Commit head = pull.headAt(cutoff - 1);
    int pushes = 0;
    for (long t : pull.pushedAt) {
      pushes += t < cutoff ? 1 : 0;
    }
    String api = API + repo.fullName();
    String html = "https://github.com/" + repo.fullName() + "/pull/" + pr.number();
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("url", api + "/pulls/" + pr.number());
    o.put("id", e.id());
    o.put("node_id", GithubActionsJson.nodeId("PR_kwDO", e.id()));
    o.put("html_url", html);
    o.put("diff_url", html + ".diff");
    o.put("patch_url", html + ".patch");
    o.put("issue_url", api + "/issues/" + pr.number());
    o.put("number", pr.number());
    o.put("state", merged || closed ? "closed" : "open");
    o.put("locked", false);
    o.put("title", pr.title());
    o.set("user", user(pr.author()));
    String body = body(pr, head);
    if (body == null) {
      o.putNull("body");
    } else {
      o.put("body", body);
    }
    o.put("created_at", JsonFiles.seconds(pr.openedAt()));
    o.put("updated_at", JsonFiles.seconds(life.updatedAt(cutoff)));
    if (merged) {
      o.put("closed_at", JsonFiles.seconds(pull.mergedAt));
      o.put("merged_at", JsonFiles.seconds(pull.mergedAt));
      o.put("merge_commit_sha", pull.merge.sha());
    } else {
      if (closed) {
        o.put("closed_at", JsonFiles.seconds(life.closedAt()));
      } else {
        o.putNull("closed_at");
      }
      o.putNull("merged_at");
      // The test merge commit GitHub makes for every push: in no branch, so in no git log.
      o.put("merge_commit_sha",
          Seeds.sha(Seeds.random(ctx.seed(), "test-merge/" + GitHistory.key(pr) + "/" + pushes)));
    }
    o.putNull("assignee");
    o.putArray("assignees");
    o.putArray("requested_reviewers");
    o.putArray("requested_teams");
    ArrayNode labels = o.putArray("labels");
    for (String name : labels(repo, pr)) {
      ObjectNode label = labels.addObject();
      long id = 5_000_000_000L + Math.floorMod(Seeds.mix(repo.id(), name), 900_000_000L);
      label.put("id", id);
      label.put("node_id", GithubActionsJson.nodeId("LA_kwDO", id));
      label.put("url", api + "/labels/" + name);
      label.put("name", name);
      label.put("color", switch (name) {
        case "dependencies" -> "0366d6";
        case "bug" -> "d73a4a";
        default -> "ededed";
      });
      label.put("default", name.equals("bug"));
      label.put("description", switch (name) {
        case "dependencies" -> "Pull requests that update a dependency file";
        case "bug" -> "Something isn't working";
        default -> "Pull requests that update " + name + " code";
      });
    }
    o.putNull("milestone");
    o.put("draft", life.isDraftAt(cutoff - 1));
    o.put("commits_url", api + "/pulls/" + pr.number() + "/commits");
    o.put("review_comments_url", api + "/pulls/" + pr.number() + "/comments");
    o.put("review_comment_url", api + "/pulls/comments{/number}");
    o.put("comments_url", api + "/issues/" + pr.number() + "/comments");
    o.put("statuses_url", api + "/statuses/" + head.sha());
    ObjectNode owner = JsonFiles.githubUser(org.login(), org.githubId(), "Organization");
    ObjectNode repository = fullRepository(org, repo);
    ObjectNode h = o.putObject("head");
    h.put("label", repo.owner() + ":" + pr.branch());
    h.put("ref", pr.branch());
    h.put("sha", head.sha());
    h.set("user", owner);
    h.set("repo", repository);
    ObjectNode b = o.putObject("base");
    b.put("label", repo.owner() + ":" + repo.defaultBranch());
    b.put("ref", repo.defaultBranch());
    GitHistory.Commit base = merged ? null : ctx.history().defaultHeadAt(repo,
        pull.pushedAt.get(pushes - 1));
    b.put("sha", merged ? pull.merge.parents().get(0) : base.sha());
    b.set("user", owner);
    b.set("repo", repository);
    ObjectNode links = o.putObject("_links");
    links.putObject("self").put("href", api + "/pulls/" + pr.number());
    links.putObject("html").put("href", html);
    links.putObject("issue").put("href", api + "/issues/" + pr.number());
    links.putObject("comments").put("href", api + "/issues/" + pr.number() + "/comments");
    links.putObject("review_comments").put("href", api + "/pulls/" + pr.number() + "/comments");
    links.putObject("review_comment").put("href", api + "/pulls/comments{/number}");
    links.putObject("commits").put("href", api + "/pulls/" + pr.number() + "/commits");
    links.putObject("statuses").put("href", api + "/statuses/" + head.sha());
    o.put("author_association", association(org, pr.author()));
    o.putNull("auto_merge");
    o.putNull("active_lock_reason");
    return o;
  }

  private static String association(Organisation org, Author a) {
    if (a.bot()) {
      return "CONTRIBUTOR";
    }
    return org.people().stream().anyMatch(p -> p.githubLogin().equals(a.login()))
        ? "MEMBER" : "CONTRIBUTOR";
  }

  private static List<String> labels(Repo repo, CodeActivity.PullRequest pr) {
    if (pr.author().bot()) {
      String ecosystem = pr.branch().split("/")[1];
      return List.of("dependencies", switch (ecosystem) {
        case "pip" -> "python";
        case "npm_and_yarn" -> "javascript";
        case "go_modules" -> "go";
        default -> "java";
      });
    }
    return pr.branch().startsWith("fix/") ? List.of("bug") : List.of();
  }

  private static String body(CodeActivity.PullRequest pr, GitHistory.Commit head) {
    if (pr.author().bot()) {
      String message = head.message();
      int cut = message.indexOf("\n\n---");
      return (cut > 0 ? message.substring(message.indexOf("\n\n") + 2, cut) : pr.title())
          + "\n\n---\n\n<details>\n<summary>Dependabot commands and options</summary>\n<br />\n\n"
          + "You can trigger Dependabot actions by commenting on this PR:\n"
          + "- `@dependabot rebase` will rebase this PR\n"
          + "- `@dependabot recreate` will recreate this PR, overwriting any edits that have been "
          + "made to it\n</details>";
    }
    long h = Math.floorMod(Seeds.mix(pr.id(), "body"), 10L);
    if (h < 3) {
      return null;
    }
    java.util.regex.Matcher key = java.util.regex.Pattern.compile("[A-Z]+-\\d+").matcher(
        pr.title() + " " + pr.branch());
    String ticket = key.find() ? "\r\n\r\nCloses " + key.group() : "";
    return "## What\r\n" + pr.title().replaceFirst("^[A-Z]+-\\d+: ", "") + ticket
        + "\r\n\r\n## Testing\r\n- [x] unit tests\r\n- [ ] tested on staging";
  }

  private static ObjectNode reviewJson(Entry e, PullRequestLives.Review review, long id) {
    Repo repo = e.repo();
    int number = e.life().pr().number();
    String html = "https://github.com/" + repo.fullName() + "/pull/" + number
        + "#pullrequestreview-" + id;
    String pullUrl = API + repo.fullName() + "/pulls/" + number;
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("id", id);
    o.put("node_id", GithubActionsJson.nodeId("PRR_kwDO", id));
    o.set("user", user(review.reviewer()));
    o.put("body", review.body());
    o.put("state", review.state());
    o.put("html_url", html);
    o.put("pull_request_url", pullUrl);
    o.put("author_association", "MEMBER");
    ObjectNode links = o.putObject("_links");
    links.putObject("html").put("href", html);
    links.putObject("pull_request").put("href", pullUrl);
    o.put("submitted_at", JsonFiles.seconds(review.at()));
    o.put("commit_id", review.commitId());
    return o;
  }

  /** A commit as {@code GET .../pulls/N/commits} lists it (dates in UTC, as the REST API gives them). */
  static ObjectNode commitJson(Repo repo, GitHistory.Commit c) {
    String api = API + repo.fullName();
    ObjectNode o = JsonFiles.MAPPER.createObjectNode();
    o.put("sha", c.sha());
    o.put("node_id", GithubActionsJson.nodeId("C_kwDO",
        Long.parseUnsignedLong(c.sha().substring(0, 15), 16)));
    ObjectNode commit = o.putObject("commit");
    ObjectNode author = commit.putObject("author");
    author.put("name", c.author().name());
    author.put("email", c.author().email());
    author.put("date", JsonFiles.seconds(c.authoredAt()));
    ObjectNode committer = commit.putObject("committer");
    committer.put("name", c.committer().name());
    committer.put("email", c.committer().email());
    committer.put("date", JsonFiles.seconds(c.committedAt()));
    commit.put("message", c.message());
    ObjectNode tree = commit.putObject("tree");
    tree.put("sha", c.treeSha());
    tree.put("url", api + "/git/trees/" + c.treeSha());
    commit.put("url", api + "/git/commits/" + c.sha());
    commit.put("comment_count", 0);
    ObjectNode verification = commit.putObject("verification");
    boolean web = c.committer().equals(Author.WEB_FLOW);
    verification.put("verified", web);
    verification.put("reason", web ? "valid" : "unsigned");
    verification.putNull("signature");
    verification.putNull("payload");
    if (web) {
      verification.put("verified_at", JsonFiles.seconds(c.committedAt()));
    } else {
      verification.putNull("verified_at");
    }
    o.put("url", api + "/commits/" + c.sha());
    o.put("html_url", "https://github.com/" + repo.fullName() + "/commit/" + c.sha());
    o.put("comments_url", api + "/commits/" + c.sha() + "/comments");
    o.set("author", user(c.author()));
    o.set("committer", user(c.committer()));
    ArrayNode parents = o.putArray("parents");
    for (String p : c.parents()) {
      ObjectNode parent = parents.addObject();
      parent.put("sha", p);
      parent.put("url", api + "/commits/" + p);
      parent.put("html_url", "https://github.com/" + repo.fullName() + "/commit/" + p);
    }
    return o;
  }
}
