package io.ttv.jobs.pipeline;

import io.ttv.jobs.QualityGateFailed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Contract section 7: per system and dataset over one run, the quarantined share of its records may not
 * exceed {@code quality.max_quarantine_share}; otherwise the run stops with exit 3 before anything
 * normalised or factual is written.
 */
public final class QualityGate {
  private QualityGate() {}

  /**
   * @param total records seen per dataset (good and quarantined)
   * @param quarantined quarantined records (or whole files) per dataset
   */
  public static void check(Map<String, Long> total, Map<String, Long> quarantined, Map<String, Map<String, Long>> reasons, double maxShare) {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Long> e : quarantined.entrySet()) {
      long bad = e.getValue();
      long all = Math.max(total.getOrDefault(e.getKey(), 0L), bad);
      if (bad == 0 || all == 0) {
        continue;
      }
      double share = (double) bad / all;
      if (share > maxShare) {
        String top =
            reasons.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(r -> r.getValue() + "x " + r.getKey())
                .collect(Collectors.joining("; "));
        failures.add(
            String.format(
                java.util.Locale.ROOT,
                "%s: %d of %d records quarantined (%.2f%% > max_quarantine_share %.2f%%); commonest reasons: %s",
                e.getKey(), bad, all, share * 100, maxShare * 100, top));
      }
    }
    if (!failures.isEmpty()) {
      throw new QualityGateFailed(
          "data-quality gate failed, nothing normalised or factual was written: "
              + String.join(" | ", failures)
              + " (inspect with: ttv query --config FILE \"SELECT * FROM quarantine\")");
    }
  }
}
