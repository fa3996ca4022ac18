package io.ttv.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttv.jobs.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideBySideTest {

  @Test
  void everyStepRunsAndTwoRunAtOnce() {
    // step 0 waits until step 1 has started: one after another this would time out
    CountDownLatch secondStarted = new CountDownLatch(1);
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> {
      awaitOrFail(secondStarted);
      done.add("a");
    });
    steps.add(() -> {
      secondStarted.countDown();
      done.add("b");
    });
    steps.add(() -> done.add("c"));
    SideBySide.run(2, steps);
    assertThat(done).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void oneThreadRunsTheStepsInListOrder() {
    List<Integer> order = new ArrayList<>();
    List<Runnable> steps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      steps.add(() -> order.add(n));
    }
    SideBySide.run(1, steps);
    assertThat(order).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void theFirstFailureInListOrderIsThrownAsItWasAndNoStepStartsAfterIt() {
    AtomicInteger started = new AtomicInteger();
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> {
      started.incrementAndGet();
      throw new UserError("first dataset is broken");
    });
    steps.add(() -> {
      started.incrementAndGet();
      throw new IllegalStateException("second");
    });
    for (int i = 0; i < 20; i++) {
      steps.add(started::incrementAndGet);
    }
    assertThatThrownBy(() -> SideBySide.run(2, steps)).isInstanceOf(UserError.class).hasMessage("first dataset is broken");
    // the second step runs when its thread takes it before the first has failed (and may fail first: the first
    // still runs, as it would have before it); a thread marks its failure before it takes another step, so none
    // of the 20 after them ran
    assertThat(started.get()).isBetween(1, 2);
  }

  @Test
  void aLaterStepFailingFirstStillLetsTheEarlierOneRunAndReportItsFailure() {
    CountDownLatch secondFailed = new CountDownLatch(1);
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> {
      awaitOrFail(secondFailed);
      throw new UserError("first dataset is broken");
    });
    steps.add(() -> {
      secondFailed.countDown();
      throw new IllegalStateException("second");
    });
    assertThatThrownBy(() -> SideBySide.run(2, steps)).isInstanceOf(UserError.class).hasMessage("first dataset is broken");
  }

  @Test
  void aFailedSparkJobIsThrownThoughJavaCallsItChecked() {
    // Spark throws SparkException (a checked exception) from Scala without declaring it; a step whose job
    // fails must fail the stage, not vanish (it once did: the run "succeeded" without that table's MERGE)
    org.apache.spark.sql.SparkSession spark = io.ttv.testing.TestSpark.session();
    AtomicInteger ran = new AtomicInteger();
    List<Runnable> steps = new ArrayList<>();
    steps.add(ran::incrementAndGet);
    steps.add(() -> spark.range(3)
        .map((org.apache.spark.api.java.function.MapFunction<Long, Long>) x -> {
          throw new IllegalStateException("bad row " + x);
        }, org.apache.spark.sql.Encoders.LONG())
        .count());
    assertThatThrownBy(() -> SideBySide.run(2, steps))
        .isInstanceOf(org.apache.spark.SparkException.class)
        .hasStackTraceContaining("bad row");
    assertThat(ran.get()).isEqualTo(1);
  }

  @Test
  void theOptionIsAThreadCount() {
    assertThat(SideBySide.threads("3")).isEqualTo(3);
    assertThat(SideBySide.threads(" 0 ")).isEqualTo(1);
    assertThatThrownBy(() -> SideBySide.threads("two")).isInstanceOf(UserError.class).hasMessageContaining("spark.ttv.datasetThreads");
  }

  /** Waits for the latch (at most 30 s: a step that never comes fails the test). */
  private static void awaitOrFail(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
