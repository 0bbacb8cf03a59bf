package dev.vernier.cli.run;

import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.core.report.Findings;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One result against its targets: the report's {@link Findings} (p50, p95, p99, error rate, CPU,
 * memory per node, throughput floor) and the throughput floors of the scalability phase by cluster
 * size. Immutable and thread-safe.
 *
 * @param findings the findings (the same object the Markdown and HTML reports render)
 * @param floorChecks one line per scalability floor: met, missed or not measured
 * @param missed one line per target missed, with the figure, the limit and where it comes from
 */
public record Verdict(Findings findings, List<String> floorChecks, List<String> missed) {

    /** Copies the lists. */
    public Verdict {
        floorChecks = List.copyOf(floorChecks);
        missed = List.copyOf(missed);
    }

    /**
     * @param result a result
     * @param targets its targets
     * @return the verdict
     */
    public static Verdict of(ScenarioResult result, BenchmarkConfig.TargetSet targets) {
        Findings f = Findings.of(result, targets.targets());
        List<String> missed = new ArrayList<>();
        for (Findings.TargetCheck c : f.checks()) {
            if (c.status() == Findings.Status.MISSED) {
                missed.add(c.target() + " " + c.observedText() + ", limit " + c.limitText() + " (" + c.source() + ")");
            }
        }
        List<String> floors = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : new java.util.TreeMap<>(targets.scalabilityFloors()).entrySet()) {
            ScalePoint point = result.scalability() == null ? null : result.scalability().points().stream()
                    .filter(p -> p.nodes() == e.getKey()).findFirst().orElse(null);
            String limit = String.format(Locale.ROOT, "throughput at %d nodes, limit >= %.1f ops/s", e.getKey(),
                    e.getValue());
            if (point == null) {
                floors.add(limit + ": not measured");
            } else if (point.throughputOpsPerSecond() >= e.getValue()) {
                floors.add(String.format(Locale.ROOT, "%s: met (%.1f ops/s)", limit, point.throughputOpsPerSecond()));
            } else {
                String line = String.format(Locale.ROOT, "throughput at %d nodes %.1f ops/s, limit >= %.1f ops/s"
                        + " (scalability phase)", e.getKey(), point.throughputOpsPerSecond(), e.getValue());
                floors.add(limit + ": MISSED (" + String.format(Locale.ROOT, "%.1f ops/s", point.throughputOpsPerSecond())
                        + ")");
                missed.add(line);
            }
        }
        return new Verdict(f, floors, missed);
    }

    /** @return the number of targets checked with a figure (met or missed) */
    public int measured() {
        return f().measured() + (int) floorChecks.stream().filter(l -> !l.endsWith("not measured")).count();
    }

    /** @return the number of targets met */
    public int met() {
        return measured() - missed.size();
    }

    private Findings f() {
        return findings;
    }
}
