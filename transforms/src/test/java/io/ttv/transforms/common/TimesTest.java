package io.ttv.transforms.common;

import static io.ttv.testing.DatasetAssert.assertRows;
import static io.ttv.testing.RawFixtures.ts;
import static org.apache.spark.sql.functions.col;

import io.ttv.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

class TimesTest {
  @Test
  void offsetsWithAndWithoutAColonBecomeUtc() {
    var texts = TestSpark.session().createDataset(
        List.of("2020-06-12T08:33:57.204+0800", "2012-05-27T00:33:23-07:00", "2026-01-05T09:00:00Z", "12345", "2020-06-12T08:33:57.204+08"),
        Encoders.STRING());
    // Jira writes +0800 (no colon): 08:33:57.204 at +08:00 is 00:33:57.204 UTC; -07:00 adds 7 h
    assertRows(
        texts.select(col("value"), Times.parse(col("value")).as("at")),
        new String[] {"value", "at"},
        new Object[] {"2020-06-12T08:33:57.204+0800", ts("2020-06-12T00:33:57.204Z")},
        new Object[] {"2012-05-27T00:33:23-07:00", ts("2012-05-27T07:33:23Z")},
        new Object[] {"2026-01-05T09:00:00Z", ts("2026-01-05T09:00:00Z")},
        new Object[] {"12345", null},
        new Object[] {"2020-06-12T08:33:57.204+08", ts("2020-06-12T00:33:57.204Z")});
  }
}
