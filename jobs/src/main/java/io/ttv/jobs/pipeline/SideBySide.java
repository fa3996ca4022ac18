package io.ttv.jobs.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a stage's independent steps (a dataset's ingest or normalisation, one table's MERGEs, a group of
 * derive passes or of facts; docs/operations.md, "Steps side by side") a few at a time in one SparkSession. A step is a few Delta operations whose driver work (planning, the Delta log, the commit)
 * runs on one thread while the cores wait; two steps side by side keep them busy. The number is the Spark
 * option {@value #THREADS_KEY} (default 2; 1 runs the steps one after another, as listed).
 *
 * <p>After a step fails no step after it in the list starts (one before it still does, as it would have
 * run first); the steps already running finish, then the failure of the first failed step in list order is
 * thrown as it was (a {@code UserError} stays one): where a run one step after another would have stopped.
 */
final class SideBySide {
  private SideBySide() {}

  static final String THREADS_KEY = "spark.ttv.datasetThreads";
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  /** The option's value as a thread count (at least 1); a value that is no number is the user's error. */
  static int threads(String v) {
    try {
      return Math.max(1, Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new io.ttv.jobs.UserError(THREADS_KEY + ": expected a whole number of threads, got '" + v + "'");
    }
  }

  /**
   * Throws {@code t} as it is, checked or not, as a step run one after another would have (a SparkException
   * is checked in Java but thrown undeclared by Spark's Scala code).
   */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T unchecked(Throwable t) throws T {
    throw (T) t;
  }

  static void run(SparkSession spark, List<Runnable> steps) {
    run(threads(spark.conf().get(THREADS_KEY, "2")), steps);
  }

  static void run(int threads, List<Runnable> steps) {
    int n = Math.min(threads, steps.size());
    if (n <= 1) {
      steps.forEach(Runnable::run);
      return;
    }
    // the list position of the first step that failed so far: the steps after it no longer start
    AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
    ExecutorService pool =
        Executors.newFixedThreadPool(n, r -> {
          Thread t = new Thread(r, "ttv-step-" + THREAD_IDS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        int at = i;
        Runnable step = steps.get(i);
        futures.add(pool.submit(() -> {
          if (at > firstFailed.get()) {
            return;
          }
          try {
            step.run();
          } catch (Throwable e) {
            // Throwable, not RuntimeException: Spark and Delta throw checked exceptions from Scala code
            // (SparkException when a job fails) that no Java signature declares
            firstFailed.accumulateAndGet(at, Math::min);
            throw e;
          }
        }));
      }
      Throwable first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the stage's steps ran", e);
        }
      }
      if (first != null) {
        throw SideBySide.<RuntimeException>unchecked(first);
      }
    } finally {
      pool.shutdown();
    }
  }
}
