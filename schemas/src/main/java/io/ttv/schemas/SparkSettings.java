package io.ttv.schemas;

import java.util.Map;

/** Spark settings ttv gives every session it starts itself (local mode) and the test suites' session. */
public final class SparkSettings {
  private SparkSettings() {}

  /**
   * Interpreted expression evaluation: no whole-stage code generation, and no generated class per
   * expression ({@code spark.sql.codegen.factoryMode} is an internal Spark setting that selects the
   * interpreted implementation Spark keeps for every expression). The same results; slower per row, faster
   * for ttv's hundreds of distinct queries of a few thousand to a few hundred thousand rows each, where
   * generating and compiling Java for every query cost more than it saved (docs/benchmarks.md). A run that
   * reads more than 1.5 GB of landing files (a long backfill) compiles them again: its millions of rows repay it.
   */
  public static final Map<String, String> INTERPRETED =
      Map.of("spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  /** The same keys at Spark's own defaults: whole-stage code generation, compiled expressions. */
  public static final Map<String, String> COMPILED =
      Map.of("spark.sql.codegen.wholeStage", "true", "spark.sql.codegen.factoryMode", "FALLBACK");
}
