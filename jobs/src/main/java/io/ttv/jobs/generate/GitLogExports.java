package io.ttv.jobs.generate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code git/log/dt=D/repo=<owner>%2F<name>/log.txt}: what {@code git log --all
 * --format='%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%s'} prints in a clone of the
 * repository fetched at the end of D (UTC), for every repository the organisation deploys from: the
 * GitHub repos, the GitLab projects (their full path, as {@code services[].repos} names them) and the
 * Jenkins-built repos. One commit a line, nine fields separated by 0x1F, parents space-separated, the
 * root with none; dates strict ISO 8601 with the author's and committer's offsets
 * ({@code 2026-01-05T10:12:03+01:00}, {@code +00:00} for UTC), as in
 * {@code fixtures/real/git-log/devlake_git_log_format_x1f_fields_80_commits_2022.txt}.
 *
 * <p>Order: git's default for {@code --all}, newest committer date first; a child is never listed
 * after its parent (commit dates never go backwards along the graph here, and equal dates keep the
 * order in which the commits were made). The graph is {@link GitHistory}'s.
 */
final class GitLogExports implements SourceExports {

  static final String SYSTEM = "git";
  static final String LOG = "log";
  private static final char SEP = 0x1f;

  private static final DateTimeFormatter ISO_STRICT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public void write(ExportContext ctx) {
    List<Repo> repos = new ArrayList<>(ctx.organisation().repos());
    ctx.forges().gitlab().forEach(s -> repos.addAll(s.repos()));
    ctx.forges().jenkins().forEach(s -> repos.addAll(s.repos()));
    for (Repo repo : repos) {
      List<GitHistory.Commit> commits = ctx.history().commits(repo);
      if (commits.isEmpty()) {
        continue;
      }
      // Newest first; among equal dates the later-made commit first (it cannot be an ancestor).
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < commits.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer>comparingLong(i -> commits.get(i).committedAt())
          .thenComparingInt(i -> i).reversed());
      String[] lines = new String[commits.size()];
      for (int i = 0; i < lines.length; i++) {
        lines[i] = line(commits.get(i));
      }
      for (LocalDate date : ctx.range().dates()) {
        long cutoff = date.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(commits.size() * 200);
        long count = 0;
        for (int i : order) {
          if (commits.get(i).visibleAt(cutoff)) {
            out.append(lines[i]).append('\n');
            count++;
          }
        }
        Path file = ctx.landing().partition(SYSTEM, LOG, date, "repo", repo.fullName())
            .resolve("log.txt");
        ctx.landing().write(SYSTEM, LOG, file, out.toString().getBytes(StandardCharsets.UTF_8),
            count);
      }
    }
  }

  static String line(GitHistory.Commit c) {
    return c.sha() + SEP + String.join(" ", c.parents()) + SEP + c.author().name() + SEP
        + c.author().email() + SEP + iso(c.authoredAt(), c.authorZone()) + SEP + c.committer().name()
        + SEP + c.committer().email() + SEP + iso(c.committedAt(), c.committerZone()) + SEP
        + c.subject();
  }

  /** Git's {@code %aI}: strict ISO 8601 with the offset, {@code +00:00} rather than {@code Z}. */
  static String iso(long epochSecond, ZoneId zone) {
    return ISO_STRICT.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
  }
}
