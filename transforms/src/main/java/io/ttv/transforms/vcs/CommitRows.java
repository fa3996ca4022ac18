package io.ttv.transforms.vcs;

import static io.ttv.schemas.tables.CommitsTable.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.config.WorkItems;
import io.ttv.schemas.tables.LineageColumns;
import io.ttv.transforms.common.Identities;
import io.ttv.transforms.common.NormalizedRows;
import io.ttv.transforms.common.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What the commit readers of every source share: the checks that make a record unusable, the identity of
 * the author, the subject and its work-item keys, and the row in {@code commits} column order (plus
 * {@code _problem} and {@code _record}).
 */
final class CommitRows {
  private CommitRows() {}

  /** A full commit id: 40 hex digits (SHA-1 repositories; what every export of contract section 4 writes). */
  static final String FULL_SHA = "^[0-9a-fA-F]{40}$";

  /**
   * The columns of one source's record, as texts where the source writes texts (dates are checked and
   * converted here).
   *
   * @param login the forge account of the author, {@code lit(null)} where the source has none
   * @param message the commit message (its first line is kept) or the subject
   * @param sourceProblems reasons this source has for rejecting the record (null columns when fine),
   *     looked at first
   * @param repoSource how the source names the repository, for the reason when it does not
   */
  record Fields(
      Column repo,
      Column sha,
      Column parents,
      Column parentsKnown,
      Column authorName,
      Column authorEmail,
      Column login,
      Column committerName,
      Column committerEmail,
      Column authoredText,
      Column committedText,
      Column message,
      List<Column> sourceProblems,
      String repoSource) {}

  /** The first line of a commit message (the subject git shows with {@code %s}); null stays null. */
  static Column subject(Column message) {
    return regexp_extract(message, "^([^\\r\\n]*)", 1);
  }

  /** Distinct matches of {@code work_items.key_pattern} in {@code text}, in the order found; [] when none. */
  static Column workItemKeys(Column text, WorkItems workItems) {
    Column all = regexp_extract_all(text, lit(workItems.keyPattern().source()), lit(0));
    return coalesce(array_distinct(all), array().cast(DataTypes.createArrayType(DataTypes.StringType)));
  }

  /**
   * The commits rows of parsed records ({@link NormalizedRows#parsed}), with {@code extra} columns after
   * the table's (a pull request number, read by {@link PullRequestCommits}).
   */
  static Dataset<Row> select(Dataset<Row> parsed, String system, Fields f, TtvConfig config, Column... extra) {
    Column sha = lower(f.sha());
    Column what = concat(lit("commit "), f.sha());
    List<Column> problems = new ArrayList<>(f.sourceProblems());
    problems.add(when(f.sha().isNull(), lit("commit has no sha")));
    problems.add(when(f.sha().rlike(FULL_SHA).unary_$bang(), concat(lit("sha '"), f.sha(), lit("' is not a full commit id (40 hex digits)"))));
    problems.add(when(f.repo().isNull(), concat(what, lit(" names no repository (" + f.repoSource() + ")"))));
    problems.add(when(f.authoredText().isNull(), concat(what, lit(" has no author date"))));
    problems.add(Times.problemIfMalformed("author date", f.authoredText()));
    problems.add(when(f.committedText().isNull(), concat(what, lit(" has no committer date"))));
    problems.add(Times.problemIfMalformed("committer date", f.committedText()));

    Column subject = subject(f.message());
    Column personId = Identities.personId(system, f.login(), f.authorEmail(), config.people());
    List<Column> cols =
        new ArrayList<>(
            List.of(
                lit(system).as(SOURCE_SYSTEM),
                f.repo().as(REPO),
                sha.as(SHA),
                f.parents().as(PARENTS),
                f.parentsKnown().as(PARENTS_KNOWN),
                f.authorName().as(AUTHOR_NAME),
                f.authorEmail().as(AUTHOR_EMAIL),
                f.login().cast(DataTypes.StringType).as(AUTHOR_LOGIN),
                personId.as(AUTHOR_PERSON_ID),
                Identities.isBot(f.login(), f.authorName(), config.bots()).as(AUTHOR_IS_BOT),
                f.committerName().as(COMMITTER_NAME),
                f.committerEmail().as(COMMITTER_EMAIL),
                Times.parse(f.authoredText()).as(AUTHORED_AT),
                Times.parse(f.committedText()).as(COMMITTED_AT),
                subject.as(MESSAGE),
                workItemKeys(subject, config.workItems()).as(WORK_ITEM_KEYS),
                col(LineageColumns.EXPORT_DATE),
                col(LineageColumns.SOURCE_FILE),
                col(LineageColumns.SOURCE_POSITION),
                coalesce(problems.toArray(Column[]::new)).as(NormalizedRows.PROBLEM),
                // kept (lead times need no author), but counted in the run's log for a person to see
                when(personId.isNull(), lit("an author with no email or login (no person)")).as(NormalizedRows.NOTE),
                col(NormalizedRows.RECORD)));
    cols.addAll(Arrays.asList(extra));
    return parsed.select(cols.toArray(Column[]::new));
  }
}
