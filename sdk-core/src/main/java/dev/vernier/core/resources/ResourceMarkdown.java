package dev.vernier.core.resources;


import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ResourceResult} as a short Markdown section. Numbers use {@link Locale#ROOT};
 * bytes are shown in MB (10^6 bytes).
 *
 * <p>Stateless and thread-safe.
 */
public final class ResourceMarkdown {

    /** The metrics shown in the table, when present, in this order. */
    public static final List<String> TABLE_METRICS = List.of(ResourceMetrics.PROCESS_CPU,
            ResourceMetrics.SYSTEM_CPU, ResourceMetrics.LOAD_1M, ResourceMetrics.PROCESS_RSS,
            ResourceMetrics.HEAP_USED, ResourceMetrics.HEAP_COMMITTED, ResourceMetrics.HEAP_AFTER_GC,
            ResourceMetrics.GC_PAUSE_MS, ResourceMetrics.NET_BYTES_IN, ResourceMetrics.NET_BYTES_OUT,
            ResourceMetrics.NET_PACKETS_IN, ResourceMetrics.NET_PACKETS_OUT, ResourceMetrics.TCP_ACTIVE,
            ResourceMetrics.DISK_BYTES_READ, ResourceMetrics.DISK_BYTES_WRITE, ResourceMetrics.DISK_OPS_READ,
            ResourceMetrics.DISK_OPS_WRITE, ResourceMetrics.DISK_QUEUE, ResourceMetrics.PROCESS_THREADS,
            ResourceMetrics.PROCESS_FDS);

    private ResourceMarkdown() {
    }

    /**
     * @param result a resource result
     * @return a Markdown section starting with a level-3 heading
     */
    public static String render(ResourceResult result) {
        StringBuilder md = new StringBuilder();
        md.append("### Resources\n\n");
        SamplerCost cost = result.samplerCost();
        md.append(String.format(Locale.ROOT, "%d samples over %.1f s, every %s ms", result.sampleCount(),
                result.durationMs() / 1000.0, num(result.intervalMs())));
        if (result.droppedSamples() > 0) {
            md.append(String.format(Locale.ROOT, " (%d oldest dropped)", result.droppedSamples()));
        }
        if (cost.samples() > 0) {
            md.append(String.format(Locale.ROOT, "; sampler cost %.0f µs per sample, %.3f%% of one core",
                    cost.meanMicrosPerSample(), cost.cpuPercentOfOneCore()));
        }
        md.append(".\n\n");

        md.append("| Metric | Average | Peak | p95 | Std dev | Trend /s |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        Map<String, MetricStats> metrics = result.metrics();
        for (String name : TABLE_METRICS) {
            MetricStats s = metrics.get(name);
            if (s == null) {
                continue;
            }
            String u = s.unit();
            md.append("| ").append(name).append(" | ").append(format(s.average(), u)).append(" | ")
                    .append(format(s.peak(), u)).append(" | ").append(format(s.p95(), u)).append(" | ")
                    .append(format(s.stddev(), u)).append(" | ")
                    .append(s.trendPerSecond() == null ? "-" : format(s.trendPerSecond(), u)).append(" |\n");
        }
        md.append('\n');

        MemoryGrowth g = result.memoryGrowth();
        md.append("**Memory growth** (heap after GC): ");
        if (g.slopeBytesPerSecond() == null) {
            md.append(g.note() == null ? "not assessed" : g.note());
        } else {
            md.append(String.format(Locale.ROOT, "%s over %d collections", format(g.slopeBytesPerSecond(), "bytes/s"),
                    g.points()));
            if (g.slopeCiLow95() != null && g.slopeCiHigh95() != null) {
                md.append(String.format(Locale.ROOT, ", 95%% CI %s to %s", format(g.slopeCiLow95(), "bytes/s"),
                        format(g.slopeCiHigh95(), "bytes/s")));
            }
            if (g.pValue() != null) {
                md.append(String.format(Locale.ROOT, ", p = %.2g", g.pValue()));
            }
            md.append(g.leakSuspected() ? " — **leak suspected**" : " — no leak suspected");
        }
        md.append("  \n");
        md.append("**GC time**: ").append(result.gcTimeShare() == null ? "unknown"
                : String.format(Locale.ROOT, "%.2f%% of wall time", result.gcTimeShare() * 100)).append("\n\n");

        if (result.bottlenecks().isEmpty()) {
            md.append("Bottlenecks: none.\n");
        } else {
            md.append("Bottlenecks:\n\n");
            for (Bottleneck b : result.bottlenecks()) {
                md.append("- **").append(b.severity()).append("** `").append(b.metric()).append("`: ")
                        .append(format(b.observed(), b.unit())).append(" > ").append(format(b.threshold(), b.unit()))
                        .append(" — ").append(b.description()).append('\n');
            }
        }
        if (!result.absentMetrics().isEmpty()) {
            md.append("\nNot available on this platform: ").append(String.join(", ", result.absentMetrics()))
                    .append(".\n");
        }
        if (!result.sourceFailures().isEmpty()) {
            md.append("\nSources that failed (samples missed): ");
            md.append(String.join(", ", result.sourceFailures().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
            md.append(".\n");
        }
        return md.toString();
    }

    /**
     * Formats a value in a unit for people: bytes as MB, rates of bytes as MB/s, percent with one
     * decimal.
     *
     * @param value the value
     * @param unit its unit
     * @return the text, in {@link Locale#ROOT}
     */
    public static String format(double value, String unit) {
        switch (unit) {
            case "bytes":
                return String.format(Locale.ROOT, "%.1f MB", value / 1e6);
            case "bytes/s":
                return String.format(Locale.ROOT, "%.2f MB/s", value / 1e6);
            case "%":
                return String.format(Locale.ROOT, "%.1f %%", value);
            case "count":
            case "load":
                return num(value);
            default:
                return num(value) + " " + unit;
        }
    }

    private static String num(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
