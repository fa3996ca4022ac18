package io.ttv.jobs.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One table of the report, small enough to hold in memory: what a chart or a list shows, and what its
 * CSV holds. {@code name} is the CSV's file name (without {@code .csv}); values are strings, numbers,
 * dates or null.
 */
public record ReportTable(String name, String title, List<String> columns, List<List<Object>> rows) {
  public ReportTable {
    Objects.requireNonNull(name);
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(name + ": a row has " + r.size() + " values for " + columns.size() + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  public int column(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(name + " has no column " + column);
    }
    return i;
  }

  /** The value of {@code column} in the first row whose {@code keyColumn} equals {@code key}, or null. */
  public Object value(String keyColumn, Object key, String column) {
    int k = column(keyColumn);
    int c = column(column);
    return rows.stream().filter(r -> Objects.equals(r.get(k), key)).map(r -> r.get(c)).findFirst().orElse(null);
  }
}
