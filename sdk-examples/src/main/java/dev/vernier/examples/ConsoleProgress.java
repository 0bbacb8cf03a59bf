package dev.vernier.examples;

import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.LoadVerdict;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.RunWarning;
import dev.vernier.core.event.TuningEvent;
import dev.vernier.core.event.VernierEvent;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one line per interval snapshot, a header per phase, and a line for each verdict or
 * warning: what a terminal user wants to watch. A verdict is printed once per phase.
 */
public final class ConsoleProgress implements RunListener {

    private final PrintStream out;

    /** @param out where to print */
    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEvent(VernierEvent event) {
        if (event instanceof IntervalSnapshot s) {
            snapshot(s);
        } else if (event instanceof PhaseStarted p) {
            out.println("  -- " + p.phase() + " phase of " + p.scenario());
        } else if (event instanceof LoadVerdict v) {
            out.println("  !  " + v.phase() + (v.nodes() > 0 ? " at " + v.nodes() + " nodes" : "") + ": "
                    + v.health().verdict());
        } else if (event instanceof RunWarning w) {
            out.println("  !  " + w.warning());
        } else if (event instanceof TuningEvent t) {
            out.println("  *  " + t.describe());
        }
    }

    private void snapshot(IntervalSnapshot s) {
        out.println(String.format(Locale.ROOT,
                "  [%s %-10s %5.1fs] %9.0f ops/s  ok %6.2f%%  p50 %7.3f ms  p99 %8.3f ms  in-flight %5d  lag p99 %6.0f µs",
                s.suite(), s.warmup() ? s.phase().name().toLowerCase(Locale.ROOT) + "/warm"
                        : s.phase().name().toLowerCase(Locale.ROOT),
                s.elapsedSeconds(), s.throughputOpsPerSecond(), 100 * (Double.isNaN(s.successRate()) ? 0 : s.successRate()),
                s.p50Ms(), s.p99Ms(), s.inFlight(), s.lagP99Micros())
                + (s.processCpuPercent() == null ? "" : String.format(Locale.ROOT, "  cpu %5.1f%%", s.processCpuPercent()))
                + (s.heapUsedBytes() == null ? "" : String.format(Locale.ROOT, "  heap %5.0f MB", s.heapUsedBytes() / 1e6)));
    }
}
