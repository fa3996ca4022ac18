package io.ttv.jobs.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.ttv.jobs.report.ReportFigures.ReportData;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a report under {@code <out>/<date>/}: {@code report.html} (one self-contained page: styles and
 * SVG charts inline, no script, nothing to fetch), a PNG per chart and a CSV per table. The page is a
 * Mustache template ({@code report.html.mustache}), which escapes every value as HTML; only the SVG that
 * JFreeSVG drew (and escaped) is inserted as it is.
 */
public final class ReportWriter {
  private ReportWriter() {}

  public static final String HTML = "report.html";

  /** Writes the files and returns the folder's URI. */
  public static String write(ReportData data, String outUri, Configuration hadoop) {
    String dir = outUri.replaceAll("/+$", "") + "/" + data.period().date();
    try {
      FileSystem fs = FileSystem.get(URI.create(dir), hadoop);
      for (ReportTable t : data.tables()) {
        write(fs, new Path(dir, t.name() + ".csv"), csv(t).getBytes(StandardCharsets.UTF_8));
      }
      List<ReportCharts.Chart> charts = ReportCharts.of(data);
      for (ReportCharts.Chart c : charts) {
        write(fs, new Path(dir, c.table() + ".png"), c.png());
      }
      write(fs, new Path(dir, HTML), html(data, charts).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report under " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }

  private static void write(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }

  /** RFC 4180 with a header; numbers as Java prints them (full precision), nulls as empty fields. */
  static String csv(ReportTable t) {
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", t.columns().stream().map(ReportWriter::csvField).toList())).append("\r\n");
    for (List<Object> r : t.rows()) {
      b.append(String.join(",", r.stream().map(v -> v == null ? "" : csvField(String.valueOf(v))).toList())).append("\r\n");
    }
    return b.toString();
  }

  private static String csvField(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  static String html(ReportData data, List<ReportCharts.Chart> charts) {
    Template template;
    try (InputStream in = ReportWriter.class.getResourceAsStream("report.html.mustache")) {
      template = Mustache.compiler().defaultValue("").emptyStringIsFalse(true).compile(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return template.execute(ReportModel.of(data, charts));
  }

  /** How a figure prints: a duration in hours (days past two days), engineer-hours, a share in percent, a count per week, money. */
  static String format(Double v, String unit, String currency) {
    if (v == null) {
      return "–";
    }
    return switch (unit) {
      case "hours" -> v >= 48 ? String.format(Locale.ROOT, "%.1f days", v / 24) : String.format(Locale.ROOT, "%.1f h", v);
      case "engineer-hours" -> String.format(Locale.ROOT, "%,.1f h", v);
      case "share" -> String.format(Locale.ROOT, "%.1f%%", v * 100);
      case "money" -> String.format(Locale.ROOT, "%s %,.0f", currency, v);
      default -> String.format(Locale.ROOT, "%.1f", v);
    };
  }

  /** "+12% (worse)": the change against the previous period, in words so it reads without colour. */
  static String trend(Double current, Double previous, boolean higherIsBetter) {
    if (current == null || previous == null) {
      return "no earlier figure to compare";
    }
    if (previous == 0) {
      return current == 0 ? "unchanged" : "new: nothing in the previous period";
    }
    double change = ReportFigures.change(current, previous);
    if (Math.abs(change) < 0.005) {
      return "unchanged";
    }
    boolean better = (change > 0) == higherIsBetter;
    return String.format(Locale.ROOT, "%s%.0f%% vs previous (%s)", change > 0 ? "▲ +" : "▼ ", change * 100, better ? "better" : "worse");
  }

  static String plain(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    return String.valueOf(v);
  }

  /**
   * The page's answer to its three questions, in two sentences a leader reads first: how long an idea takes to
   * reach customers and whether that is getting better; how many engineer-hours (and how much money) leak away a
   * week, and where most of them went last week. Each is {@code lead} (bold) and {@code rest}.
   */
  static List<Map<String, String>> answer(ReportData d) {
    String org = ReportFigures.ORGANISATION;
    int weeks = d.period().weeks();
    String before = " than in the " + weeks + " week" + (weeks == 1 ? "" : "s") + " before";
    List<Map<String, String>> lines = new ArrayList<>();
    Double ttv = d.headline(org, Figures.TTV_P50, true);
    if (ttv == null) {
      lines.add(Map.of("lead", "Time to value is unknown for this period:",
          "rest", " no deployed change was linked to a work item (work_items.key_pattern in commit subjects, PR titles or branches)."));
    } else {
      Double p90 = d.headline(org, Figures.TTV_P90, true);
      Double change = ReportFigures.change(ttv, d.headline(org, Figures.TTV_P50, false));
      String trend = change == null ? "; no earlier figure to compare"
          : Math.abs(change) < 0.005 ? ", as" + before
          : String.format(Locale.ROOT, ", %.0f%% %s%s", Math.abs(change) * 100, change > 0 ? "slower (worse)" : "faster (better)", before);
      lines.add(Map.of("lead", "An idea takes " + format(ttv, "hours", d.currency()) + " to reach customers",
          "rest", " (median from work item created to production; the slowest tenth " + format(p90, "hours", d.currency()) + ")" + trend + "."));
    }
    Double hours = d.headline(org, Figures.FRICTION_HOURS_PER_WEEK, true);
    if (hours != null) {
      Double cost = d.headline(org, Figures.FRICTION_COST_PER_WEEK, true);
      Double change = ReportFigures.change(hours, d.headline(org, Figures.FRICTION_HOURS_PER_WEEK, false));
      String trend = change == null || Math.abs(change) < 0.005 ? ""
          : String.format(Locale.ROOT, ", %.0f%% %s%s", Math.abs(change) * 100, change > 0 ? "more (worse)" : "less (better)", before);
      String leak = "";
      ReportTable leaks = d.leaks();
      if (!leaks.rows().isEmpty() && leaks.rows().get(0).get(leaks.column("last_week_hours")) instanceof Double h && h > 0) {
        leak = String.format(Locale.ROOT, " The largest leak last week: %s, %s.",
            String.valueOf(leaks.rows().get(0).get(leaks.column("label"))).toLowerCase(Locale.ROOT), format(h, "engineer-hours", d.currency()));
      }
      lines.add(Map.of("lead", String.format(Locale.ROOT, "Friction takes %,.1f engineer-hours a week", hours)
              + (cost == null ? "" : " (" + format(cost, "money", d.currency()) + ")"),
          "rest", trend + "." + leak));
    }
    return lines;
  }

  /** The template's data: plain maps and lists of strings. */
  static final class ReportModel {
    private ReportModel() {}

    static Map<String, Object> of(ReportData d, List<ReportCharts.Chart> charts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("date", d.period().date().toString());
      m.put("weeks", d.period().weeks());
      m.put("from", d.period().currentFrom().toString());
      m.put("previousFrom", d.period().previousFrom().toString());
      m.put("previousTo", d.period().previousTo().toString());
      m.put("foldedTeams", d.foldedTeams());
      m.put("minGroupNote", d.foldedTeams() > 0);
      List<Object> groups = new ArrayList<>();
      for (String g : d.groups()) {
        Map<String, Object> gm = new LinkedHashMap<>();
        gm.put("name", g);
        gm.put("isOrganisation", g.equals(ReportFigures.ORGANISATION));
        List<Object> tiles = new ArrayList<>();
        for (Figures.Figure f : Figures.ALL) {
          Double cur = d.headline(g, f.key(), true);
          Double prev = d.headline(g, f.key(), false);
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("key", f.key());
          t.put("label", f.label());
          t.put("value", format(cur, f.unit(), d.currency()));
          t.put("raw", cur == null ? "" : String.valueOf(cur)); // what the browser test checks against ttv query
          t.put("previous", format(prev, f.unit(), d.currency()));
          t.put("trend", trend(cur, prev, f.higherIsBetter()));
          t.put("band", Figures.doraBand(f.key(), cur).orElse(""));
          t.put("definition", f.definition());
          tiles.add(t);
        }
        gm.put("tiles", tiles);
        groups.add(gm);
      }
      m.put("organisation", groups.get(0));
      m.put("answer", answer(d));
      m.put("definitions", Figures.ALL.stream().map(f -> Map.of("label", f.label(), "definition", f.definition())).toList());
      m.put("teams", groups.subList(1, groups.size()));
      List<Object> tables = new ArrayList<>();
      for (ReportTable t : d.tables()) {
        if (t.name().equals("headline")) {
          continue;
        }
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("name", t.name());
        tm.put("title", t.title());
        // spaces, not underscores, so a long column name wraps (the CSV keeps the names)
        tm.put("columns", t.columns().stream().map(c -> c.replace('_', ' ')).toList());
        tm.put("empty", t.rows().isEmpty());
        charts.stream().filter(c -> c.table().equals(t.name())).findFirst().ifPresent(c -> tm.put("svg", c.svg()));
        List<Object> rows = new ArrayList<>();
        for (List<Object> r : t.rows()) {
          rows.add(Map.of("cells", r.stream().map(ReportWriter::plain).toList()));
        }
        tm.put("rows", rows);
        tables.add(tm);
      }
      m.put("tables", tables);
      m.put("missingTables", String.join(", ", d.missingTables()));
      m.put("hasMissing", !d.missingTables().isEmpty());
      return m;
    }
  }
}
