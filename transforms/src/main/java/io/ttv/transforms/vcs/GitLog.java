package io.ttv.transforms.vcs;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.ttv.schemas.config.TtvConfig;
import io.ttv.schemas.tables.RawTables;
import io.ttv.transforms.common.Cols;
import io.ttv.transforms.common.NormalizedRows;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code raw_git_log} -> commits. A record is one line of {@code git log --all
 * --format='%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%s'} (contract section 4): nine
 * fields separated by 0x1F, parents space-separated ({@code %P} is empty for a root commit), strict
 * ISO-8601 dates with the author's and committer's own offsets (fixture
 * devlake_git_log_format_x1f_fields_80_commits_2022). The repository is the file's {@code repo=} folder.
 */
public final class GitLog {
  private GitLog() {}

  public static final String SYSTEM = "git";

  /** The field separator of the contract's {@code --format} ({@code %x1f}). */
  public static final String SEPARATOR = "\u001f";

  public static final int FIELDS = 9;

  /**
   * Field {@code i} (from 1): null past the end of a short line (element_at would fail under ANSI) and
   * when empty, which is how git writes a value it does not have.
   */
  private static Column field(Column fields, int i) {
    return Cols.emptyToNull(try_element_at(fields, lit(i)));
  }

  public static Dataset<Row> normalize(Dataset<Row> raw, TtvConfig config) {
    Dataset<Row> parsed = NormalizedRows.parsed(raw, split(col(RawTables.RECORD), SEPARATOR, -1).as("f"));
    Column f = col("f");
    Column n = size(f);
    // %s cannot hold a newline; should it ever hold 0x1F, the fields after the eighth are its parts
    Column subject =
        when(n.geq(FIELDS), array_join(slice(f, lit(FIELDS), greatest(n.minus(FIELDS - 1), lit(1))), SEPARATOR));
    Column parentsText = try_element_at(f, lit(2));
    Column parents = filter(split(parentsText, " ", -1), p -> p.notEqual(lit("")));
    Column tooFew =
        when(
            n.lt(FIELDS),
            concat(
                lit("git log line has "),
                n.cast("string"),
                lit(" fields, expected " + FIELDS + " separated by 0x1F (--format of contract section 4)")));
    CommitRows.Fields fields =
        new CommitRows.Fields(
            Cols.pathParam(col("_params"), "repo"),
            when(n.geq(FIELDS), field(f, 1)),
            parents,
            lit(true),
            when(n.geq(FIELDS), field(f, 3)),
            when(n.geq(FIELDS), field(f, 4)),
            lit(null).cast("string"),
            when(n.geq(FIELDS), field(f, 6)),
            when(n.geq(FIELDS), field(f, 7)),
            when(n.geq(FIELDS), field(f, 5)),
            when(n.geq(FIELDS), field(f, 8)),
            subject,
            List.of(tooFew), // before the sha checks: a short line has no sha, its field count is the reason
            "no repo= folder above the log file, contract section 4");
    return CommitRows.select(parsed, SYSTEM, fields, config);
  }
}
