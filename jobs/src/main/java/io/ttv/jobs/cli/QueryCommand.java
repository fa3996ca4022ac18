package io.ttv.jobs.cli;

import io.ttv.jobs.Progress;
import io.ttv.jobs.UserError;
import io.ttv.jobs.spark.SparkSessions;
import io.ttv.jobs.spark.Warehouse;
import io.ttv.schemas.config.TtvConfig;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Spark SQL against the warehouse (every table by its name) and prints CSV with a header on stdout.",
      "Logs and progress go to stderr, so the output can be piped. Timestamps print in UTC."
    })
public final class QueryCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The ttv config (JSON).")
  Path config;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT * FROM fact_ci_daily LIMIT 10\".")
  String sql;

  @Override
  public Integer call() {
    TtvConfig cfg = Configs.load(config);
    SparkSession spark = SparkSessions.create("ttv query");
    Warehouse.register(spark, cfg);
    Dataset<Row> result;
    try {
      result = spark.sql(sql);
    } catch (Exception e) {
      // Scala's exceptions are unchecked to javac; a bad query is the user's to fix, not a crash.
      if (e instanceof AnalysisException ae) {
        throw new UserError("query: " + ae.getSimpleMessage().lines().findFirst().orElse("cannot be analysed"));
      }
      throw e;
    }
    printCsv(result, new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))));
    return 0;
  }

  /** CSV (RFC 4180) with a header; every value as Spark casts it to a string, nulls as empty fields. */
  public static long printCsv(Dataset<Row> result, PrintWriter out) {
    StructField[] fields = result.schema().fields();
    Column[] asText = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      asText[i] = result.col("`" + fields[i].name().replace("`", "``") + "`").cast("string");
    }
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      header.append(i == 0 ? "" : ",").append(csv(fields[i].name()));
    }
    out.println(header);
    long n = 0;
    Iterator<Row> it = result.select(asText).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < fields.length; i++) {
        line.append(i == 0 ? "" : ",");
        if (!r.isNullAt(i)) {
          line.append(csv(r.getString(i)));
        }
      }
      out.println(line);
      n++;
    }
    out.flush();
    Progress.info(n + " rows");
    return n;
  }

  static String csv(String v) {
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
