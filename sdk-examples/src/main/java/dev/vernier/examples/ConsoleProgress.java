package dev.vernier.examples;

import dev.vernier.core.IntervalSnapshot;
import dev.vernier.core.RunListener;
import dev.vernier.core.VernierEvent;
import java.io.PrintStream;
import java.util.Locale;

/** Prints one line per interval snapshot and every event: what a terminal user wants to watch. */
public final class ConsoleProgress implements RunListener {

    private final PrintStream out;

    /** @param out where to print */
    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onSnapshot(IntervalSnapshot s) {
        out.println(String.format(Locale.ROOT,
                "  [%s %-10s %5.1fs] %9.0f ops/s  ok %6.2f%%  p50 %7.3f ms  p99 %8.3f ms  in-flight %5d  lag p99 %6.0f µs",
                s.suite(), s.warmup() ? s.phase().toLowerCase(Locale.ROOT) + "/warm" : s.phase().toLowerCase(Locale.ROOT),
                s.elapsedSeconds(), s.throughputOpsPerSecond(), 100 * (Double.isNaN(s.successRate()) ? 0 : s.successRate()),
                s.p50Ms(), s.p99Ms(), s.inFlight(), s.lagP99Micros())
                + (s.processCpuPercent() == null ? "" : String.format(Locale.ROOT, "  cpu %5.1f%%", s.processCpuPercent()))
                + (s.heapUsedBytes() == null ? "" : String.format(Locale.ROOT, "  heap %5.0f MB", s.heapUsedBytes() / 1e6)));
    }

    @Override
    public void onEvent(VernierEvent e) {
        if (e.type() != VernierEvent.Type.PHASE_FINISHED) {
            out.println("  * " + e.type() + ": " + e.message());
        }
    }
}
