package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.tables.ReposTable;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What NormalizeStage relies on when it counts a run's repositories in each dataset's tally. */
class NormalizersTest {
  private static boolean hasRepo(io.ttv.schemas.TableDef table) {
    return Arrays.asList(table.columnNames()).contains(ReposTable.REPO);
  }

  @Test
  void everyOutputThatNamesARepoIsMadeFromNormalisedRowsThatNameOne() {
    for (Normalizers.Normalizer n : Normalizers.ALL) {
      for (Normalizers.SecondOutput out : n.moreOutputs()) {
        if (hasRepo(out.table())) {
          assertThat(out.fromRaw()).as(n.dataset().id() + " -> " + out.table().name() + " is fed by raw records").isFalse();
          assertThat(hasRepo(n.table())).as(n.dataset().id() + " -> " + n.table().name() + " names a repo").isTrue();
        }
      }
    }
  }
}
