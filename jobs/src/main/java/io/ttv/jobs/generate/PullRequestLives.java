package io.ttv.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What happened to each pull (merge) request beyond its git side ({@link GitHistory.Pull}): drafts,
 * reviews, and closing without a merge. Each pull request draws from its own stream {@code
 * pull-life/<repo>#<number>}, so the writers of GitHub and GitLab see the same lives.
 *
 * <ul>
 *   <li>Drafts: about one human pull request in eight with two or more commits is opened as a draft
 *       and marked ready with its second push; a few single-commit ones that never merged stay drafts.
 *   <li>Closed without a merge: a Dependabot bump superseded by a newer bump of the same dependency is
 *       closed by Dependabot when the newer one opens; about a third of the human pull requests idle
 *       for two days or more are closed by their author in their working time.
 *   <li>Reviews (GitHub): a teammate of the owning team (the merger, when a teammate merged) picks
 *       the pull request up in their working time: mostly 15 minutes to a few hours after it was ready,
 *       a quarter of the time the next working day, sometimes later. When the author pushed again
 *       after that first review it was {@code CHANGES_REQUESTED} (or {@code COMMENTED}) and the
 *       approval comes shortly before the merge; otherwise the first review is the approval. A bump is
 *       approved by its merger shortly before merging. Unmerged pull requests get at most the first
 *       review. Nobody reviews in a team of one.
 * </ul>
 */
final class PullRequestLives {

  record Review(Author reviewer, String state, long at, String commitId, String body) {}

  /** One pull request's life: {@code readyAt} -1 when never a draft, {@code closedAt} -1 unless closed unmerged. */
  record Life(
      GitHistory.Pull pull,
      long readyAt,
      boolean draftForever,
      long closedAt,
      Author closedBy,
      List<Review> reviews) {

    CodeActivity.PullRequest pr() {
      return pull.pull;
    }

    boolean isDraftAt(long t) {
      return draftForever || (readyAt >= 0 && t < readyAt);
    }

    /** Every moment the pull request changed (opened, pushed, ready, reviewed, merged or closed). */
    List<Long> events() {
      List<Long> events = new ArrayList<>(pull.pushedAt);
      events.add(pr().openedAt());
      if (readyAt >= 0) {
        events.add(readyAt);
      }
      reviews.forEach(r -> events.add(r.at()));
      if (pull.mergedAt >= 0) {
        events.add(pull.mergedAt);
      }
      if (closedAt >= 0) {
        events.add(closedAt);
      }
      return events;
    }

    boolean changedIn(long from, long to) {
      return events().stream().anyMatch(t -> t >= from && t < to);
    }

    long updatedAt(long cutoff) {
      long last = pr().openedAt();
      for (long t : events()) {
        if (t < cutoff && t > last) {
          last = t;
        }
      }
      return last;
    }
  }

  private PullRequestLives() {}

  private static final List<String> CHANGE_REQUESTS =
      List.of("A few comments inline; the error path needs a test.",
          "Please split the migration out of this change.",
          "Looks good overall, but the timeout should come from config.", "See inline comments.");

  /** The lives of the repository's pull requests, in opening order. */
  static List<Life> of(Organisation org, GitHistory history, Repo repo, long rangeEnd, long seed,
      boolean withReviews) {
    List<GitHistory.Pull> pulls = history.pulls(repo);
    List<Person> team = org.peopleOf(repo.team());
    List<Life> lives = new ArrayList<>();
    for (int index = 0; index < pulls.size(); index++) {
      GitHistory.Pull pull = pulls.get(index);
      CodeActivity.PullRequest pr = pull.pull;
      SplittableRandom r = Seeds.random(seed, "pull-life/" + GitHistory.key(pr));
      boolean bot = pr.author().bot();
      long lastPush = pull.pushedAt.get(pull.pushedAt.size() - 1);

      long readyAt = -1;
      boolean draftForever = false;
      double draft = r.nextDouble();
      if (!bot && pull.commits.size() >= 2 && draft < 0.125) {
        readyAt = pull.pushedAt.get(1);
      } else if (!bot && pull.merge == null && pull.commits.size() == 1 && draft < 0.08) {
        draftForever = true;
      }

      long closedAt = -1;
      Author closedBy = null;
      if (pull.merge == null && bot) {
        String prefix = supersedes(pr.title());
        for (int k = index + 1; k < pulls.size() && prefix != null; k++) {
          CodeActivity.PullRequest newer = pulls.get(k).pull;
          if (newer.author().bot() && prefix.equals(supersedes(newer.title()))) {
            closedAt = newer.openedAt() + 5 + r.nextInt(40);
            closedBy = pr.author();
            break;
          }
        }
      } else if (pull.merge == null && r.nextDouble() < 0.33) {
        Team schedule = org.scheduleOf(org.personByLogin(pr.author().login()).orElseThrow());
        long target = lastPush + 86_400L * (2 + r.nextInt(3));
        long at = schedule.nextWorkingMoment(target);
        if (at != target) {
          at += r.nextInt(3 * 3600);
        }
        if (at < rangeEnd) {
          closedAt = at;
          closedBy = pr.author();
        }
      }
      if (closedAt >= rangeEnd) {
        closedAt = -1;
        closedBy = null;
      }

      List<Review> reviews = new ArrayList<>();
      List<Person> reviewers = new ArrayList<>();
      for (Person p : team) {
        if (!p.githubLogin().equals(pr.author().login())) {
          reviewers.add(p);
        }
      }
      if (withReviews && !reviewers.isEmpty() && !draftForever) {
        reviews(org, pull, reviewers, readyAt >= 0 ? readyAt : pr.openedAt(), lastPush,
            closedAt >= 0 ? closedAt : rangeEnd, r, reviews);
      }
      lives.add(new Life(pull, readyAt, draftForever, closedAt, closedBy, List.copyOf(reviews)));
    }
    return lives;
  }

  private static void reviews(Organisation org, GitHistory.Pull pull, List<Person> reviewers,
      long ready, long lastPush, long limit, SplittableRandom r, List<Review> out) {
    CodeActivity.PullRequest pr = pull.pull;
    Person reviewer = reviewers.get(r.nextInt(reviewers.size()));
    if (pull.merger != null) {
      for (Person p : reviewers) {
        if (p.githubLogin().equals(pull.merger.login())) {
          reviewer = p; // a teammate who merges approved first
        }
      }
    }
    Team schedule = org.scheduleOf(reviewer);
    double u = r.nextDouble();
    long delay = u < 0.6 ? 900 + r.nextInt(3 * 3600) : u < 0.9 ? 3 * 3600 + r.nextInt(5 * 3600)
        : 20 * 3600 + r.nextInt(20 * 3600);
    long working = schedule.nextWorkingMoment(ready + delay);
    long pickup = working == ready + delay ? working : working + r.nextInt(90 * 60);
    Author who = reviewer.author();
    if (pull.merge != null) {
      long merged = pull.mergedAt;
      long window = merged - lastPush;
      long approval = window > 90
          ? merged - 30 - r.nextInt((int) Math.min(1800, window - 60))
          : lastPush + window / 2;
      if (pr.author().bot() || pickup >= approval - 300) {
        out.add(review(pull, who, "APPROVED", approval, r));
        return;
      }
      boolean pushedAfter = pull.pushedAt.stream().anyMatch(t -> t > pickup && t < merged);
      if (pushedAfter) {
        out.add(review(pull, who, r.nextDouble() < 0.55 ? "CHANGES_REQUESTED" : "COMMENTED", pickup,
            r));
        out.add(review(pull, who, "APPROVED", approval, r));
      } else {
        out.add(review(pull, who, "APPROVED", pickup, r));
        if (reviewers.size() > 1 && r.nextDouble() < 0.2) {
          Person second = reviewers.get(r.nextInt(reviewers.size()));
          long at = pickup + (approval - pickup) / 2;
          if (second != reviewer && at > pickup) {
            out.add(review(pull, second.author(), "COMMENTED", at, r));
          }
        }
      }
      return;
    }
    if (pr.author().bot() || pickup >= limit) {
      return;
    }
    double s = r.nextDouble();
    out.add(review(pull, who, s < 0.4 ? "COMMENTED" : s < 0.7 ? "CHANGES_REQUESTED" : "APPROVED",
        pickup, r));
  }

  private static Review review(GitHistory.Pull pull, Author who, String state, long at,
      SplittableRandom r) {
    String body = switch (state) {
      case "CHANGES_REQUESTED" -> CHANGE_REQUESTS.get(r.nextInt(CHANGE_REQUESTS.size()));
      case "COMMENTED" -> r.nextDouble() < 0.5 ? "" : "Nit: naming, otherwise fine.";
      default -> r.nextDouble() < 0.7 ? "" : "LGTM";
    };
    return new Review(who, state, at, pull.headAt(at).sha(), body);
  }

  /** {@code Bump <dependency> from} of a Dependabot title, the part two bumps of one dependency share. */
  private static String supersedes(String title) {
    int from = title.indexOf(" from ");
    return title.startsWith("Bump ") && from > 0 ? title.substring(0, from) : null;
  }
}
