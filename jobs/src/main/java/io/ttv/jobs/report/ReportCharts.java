package io.ttv.jobs.report;

import io.ttv.jobs.report.ReportFigures.ReportData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn by JFreeChart: inline SVG for the page (JFreeSVG) and a PNG each. Readable
 * without colour: lines carry a different marker per series and a dash pattern, bars carry their value
 * and every series name is in the legend; the table behind each chart is printed under it.
 */
public final class ReportCharts {
  private ReportCharts() {}

  static final int WIDTH = 760;
  static final int HEIGHT = 330;

  /** A drawn chart: which table it shows, its SVG element and its PNG. */
  public record Chart(String table, String svg, byte[] png) {}

  /** A palette that stays distinguishable in grey (light to dark) and for red-green colour blindness (Okabe-Ito). */
  private static final Paint[] PAINTS = {
    new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7),
    new Color(0x56, 0xB4, 0xE9), new Color(0xD5, 0x5E, 0x00), new Color(0xF0, 0xE4, 0x42), new Color(0x33, 0x33, 0x33),
    new Color(0x99, 0x99, 0x99)
  };

  private static final float[][] DASHES = {{1f, 0f}, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}};

  public static List<Chart> of(ReportData d) {
    System.setProperty("java.awt.headless", "true");
    Map<String, JFreeChart> charts = new LinkedHashMap<>();
    charts.put("weekly_delivery", lines("Time to value per week (hours)", d.weeklyDelivery(),
        Map.of("time_to_value_p50_hours", "time to value p50", "time_to_value_p90_hours", "time to value p90", "lead_time_p50_hours", "lead time p50")));
    charts.put("weekly_friction", stackedWeeks(d));
    charts.put("weekly_ci", lines("Hours waited per week", d.weeklyCi(),
        Map.of("build_wait_hours", "waiting for builds", "manual_gate_wait_hours", "waiting at manual gates")));
    charts.put("team_time", teamTime(d.teamTime()));
    charts.put("team_flow", teamFlow(d.teamFlow()));
    return charts.entrySet().stream().map(e -> draw(e.getKey(), e.getValue())).toList();
  }

  private static Chart draw(String table, JFreeChart chart) {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
    g2.setDefsKeyPrefix(table + "-"); // several SVGs in one page: their clip-path ids must differ
    chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Chart(table, g2.getSVGElement("chart-" + table), png.toByteArray());
  }

  private static String week(Object weekEnd) {
    return "to " + String.valueOf(weekEnd).substring(5);
  }

  private static JFreeChart lines(String title, ReportTable t, Map<String, String> series) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (String col : t.columns()) {
      if (!series.containsKey(col)) {
        continue;
      }
      int c = t.column(col);
      for (List<Object> r : t.rows()) {
        ds.addValue((Number) r.get(c), series.get(col), week(r.get(0)));
      }
    }
    JFreeChart chart = ChartFactory.createLineChart(title, "week ending", "hours", ds, PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    LineAndShapeRenderer r = (LineAndShapeRenderer) chart.getCategoryPlot().getRenderer();
    r.setDefaultShapesVisible(true);
    for (int i = 0; i < ds.getRowCount(); i++) {
      r.setSeriesPaint(i, PAINTS[i % PAINTS.length]);
      r.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASHES[i % DASHES.length], 0f));
    }
    return chart;
  }

  private static JFreeChart stackedWeeks(ReportData d) {
    ReportTable t = d.weeklyFriction();
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (Map.Entry<String, String> crack : ReportFigures.CRACK_HOURS.entrySet()) {
      int c = t.column(crack.getKey());
      for (List<Object> r : t.rows()) {
        ds.addValue((Number) r.get(c), crack.getValue(), week(r.get(0)));
      }
    }
    String title = "Engineer-hours lost per week, by crack" + (d.hasCost() ? " (cost in the table below)" : "");
    return bars(ChartFactory.createStackedBarChart(title, "week ending", "hours", ds, PlotOrientation.VERTICAL, true, false, false), false);
  }

  private static JFreeChart teamTime(ReportTable t) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (List<Object> r : t.rows()) {
      ds.addValue((Number) r.get(t.column("meeting_hours")), "meeting", (String) r.get(0));
      ds.addValue((Number) r.get(t.column("focus_hours")), "focus", (String) r.get(0));
      ds.addValue((Number) r.get(t.column("fragmented_hours")), "fragmented", (String) r.get(0));
    }
    return bars(ChartFactory.createStackedBarChart("Hours per person-day, per team", "team", "hours", ds, PlotOrientation.HORIZONTAL,
        true, false, false), true);
  }

  private static JFreeChart teamFlow(ReportTable t) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (List<Object> r : t.rows()) {
      ds.addValue((Number) r.get(t.column("items_done")), (String) r.get(1), (String) r.get(0));
    }
    return bars(ChartFactory.createStackedBarChart("Work items done per team, by flow item type", "team", "items", ds,
        PlotOrientation.HORIZONTAL, true, false, false), true);
  }

  private static JFreeChart bars(JFreeChart chart, boolean labels) {
    style(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(true);
    r.setDefaultOutlinePaint(Color.WHITE);
    for (int i = 0; i < PAINTS.length; i++) {
      r.setSeriesPaint(i, PAINTS[i]);
    }
    if (labels) {
      r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.#")));
      r.setDefaultItemLabelsVisible(true);
      r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    }
    return chart;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xBB, 0xBB, 0xBB));
    plot.setOutlineVisible(false);
  }
}
