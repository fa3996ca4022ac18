package io.ttv.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttv.schemas.SparkSettings;
import io.ttv.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A run chooses interpreted or compiled expressions by its landing bytes, only where ttv chose them for the session. */
class SparkSessionsTest {
  private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  private static final String FACTORY = "spark.sql.codegen.factoryMode";

  /** A small query whose answer is worked out by hand: 1 + 2 + ... + 10 = 55, 5 even numbers. */
  private static Row sums(SparkSession spark) {
    return spark.range(1, 11).selectExpr("sum(id) AS s", "count_if(id % 2 = 0) AS evens").first();
  }

  @Test
  void aSessionTheUserConfiguredIsLeftAsItIs() {
    SparkSession spark = TestSpark.session();
    assertThat(spark.conf().get(SparkSessions.CHOSEN_BY_RUN, "false")).isEqualTo("false");
    String before = spark.conf().get(WHOLE_STAGE);
    assertThat(SparkSessions.forRun(spark, () -> {
      throw new AssertionError("the landing is not listed for a session ttv does not choose for");
    })).isNull();
    assertThat(spark.conf().get(WHOLE_STAGE)).isEqualTo(before);
  }

  @Test
  void aBackfillCompilesANightlyInterpretsWithTheSameAnswers() {
    SparkSession spark = TestSpark.session();
    spark.conf().set(SparkSessions.CHOSEN_BY_RUN, "true");
    try {
      // a year of an org-50, 3.0 GB: more than 1.5 GB, compiled (Spark's defaults)
      assertThat(SparkSessions.forRun(spark, () -> 3_000L * 1024 * 1024)).isTrue();
      assertThat(spark.conf().get(WHOLE_STAGE)).isEqualTo("true");
      assertThat(spark.conf().get(FACTORY)).isEqualTo("FALLBACK");
      Row compiled = sums(spark);
      // a nightly's 12.6 MB, and exactly 1.5 GB: interpreted
      assertThat(SparkSessions.forRun(spark, () -> 12_600_000L)).isFalse();
      assertThat(SparkSessions.forRun(spark, () -> SparkSessions.COMPILED_ABOVE_BYTES)).isFalse();
      assertThat(spark.conf().get(WHOLE_STAGE)).isEqualTo("false");
      assertThat(spark.conf().get(FACTORY)).isEqualTo("NO_CODEGEN");
      Row interpreted = sums(spark);
      assertThat(List.of(compiled.getLong(0), compiled.getLong(1))).containsExactly(55L, 5L);
      assertThat(interpreted).isEqualTo(compiled);
    } finally {
      spark.conf().unset(SparkSessions.CHOSEN_BY_RUN);
      SparkSettings.INTERPRETED.forEach((k, v) -> spark.conf().set(k, v));
    }
  }
}
