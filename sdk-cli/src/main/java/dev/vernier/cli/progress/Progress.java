package dev.vernier.cli.progress;

import dev.vernier.api.ClusterControl;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.LoadVerdict;
import dev.vernier.core.event.PhaseEnded;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.RunWarning;
import dev.vernier.core.event.VernierEvent;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a run as it goes: on an interactive terminal one progress bar per phase (and per tuning
 * window: each window is a THROUGHPUT phase), redrawn in place with the latest interval's figures;
 * elsewhere (CI logs, a pipe) plain lines, one when a phase starts, at most one per tenth of it, and
 * one when it ends; nothing in {@link Mode#QUIET}. Progress is the sum of the interval snapshots'
 * lengths against what the scenario asks for (warm-up plus iterations times duration, times the
 * cluster sizes of a scalability phase), so it never depends on the wall clock.
 *
 * <p>A bar is a single line drawn with a carriage return; the CLI's own output (the summary) goes to
 * the other stream. Thread-safe: events arrive on the run's thread, {@link #message} may come from a
 * shutdown hook.
 */
public final class Progress implements RunListener {

    /** How progress is shown. */
    public enum Mode {
        /** A bar per phase, redrawn in place (interactive terminals). */
        BARS,
        /** Plain lines (CI logs, pipes). */
        LINES,
        /** Nothing but messages. */
        QUIET
    }

    private final PrintStream err;
    private final Mode mode;
    private final int width;
    private double expectedSeconds;
    private double doneSeconds;
    private int lastTenth;
    private boolean barOpen;
    private IntervalSnapshot last;
    private Scenario scenario;
    private int sizes = 1;

    /**
     * @param err where progress goes (standard error: standard output keeps the summary)
     * @param mode bars, lines or quiet
     * @param width the terminal's width in columns (bars are cut to it)
     */
    public Progress(PrintStream err, Mode mode, int width) {
        this.err = err;
        this.mode = mode;
        this.width = Math.max(40, width);
    }

    /**
     * Chooses the mode.
     *
     * @param option {@code auto}, {@code bars}, {@code lines} or {@code none}
     * @param interactive whether standard error is an interactive terminal ({@code System.console() != null})
     * @param env the process environment ({@code CI} and {@code TERM=dumb} mean lines)
     * @return the mode
     * @throws IllegalArgumentException naming the option for any other value
     */
    public static Mode mode(String option, boolean interactive, Map<String, String> env) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "bars" -> Mode.BARS;
            case "lines" -> Mode.LINES;
            case "none" -> Mode.QUIET;
            case "auto" -> interactive && env.get("CI") == null && !"dumb".equals(env.get("TERM")) ? Mode.BARS
                    : Mode.LINES;
            default -> throw new IllegalArgumentException("--progress must be auto, bars, lines or none, but was "
                    + option);
        };
    }

    /** @return the terminal width from {@code COLUMNS}, else 100 */
    public static int width(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "100").trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** @return the mode in use */
    public Mode mode() {
        return mode;
    }

    /**
     * Says what comes next, so that the bars know their length.
     *
     * @param suite the suite about to run
     * @param next the scenario about to run on it
     */
    public synchronized void expect(ProtocolSuite suite, Scenario next) {
        this.scenario = next;
        int n = next.clusterSizes().size();
        if (n == 0 && suite instanceof ClusterControl cc) {
            try {
                n = cc.supportedSizes().size();
            } catch (RuntimeException e) {
                n = 1;
            }
        }
        this.sizes = Math.max(1, n);
    }

    /** @param line a line to show now, between bars (a warning, a tuning step, a step of the CLI) */
    public synchronized void message(String line) {
        closeBar();
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void onEvent(VernierEvent event) {
        if (mode == Mode.QUIET) {
            if (event instanceof RunWarning w) {
                err.println("  warning: " + w.warning());
            } else if (event instanceof AlertEvent a) {
                err.println("  ALERT " + a.describe());
            }
            return;
        }
        if (event instanceof PhaseStarted p) {
            started(p);
        } else if (event instanceof IntervalSnapshot s) {
            snapshot(s);
        } else if (event instanceof PhaseEnded e) {
            ended(e);
        } else if (event instanceof LoadVerdict v) {
            message("  ! " + v.phase() + (v.nodes() > 0 ? " at " + v.nodes() + " nodes" : "") + ": "
                    + v.health().verdict());
        } else if (event instanceof RunWarning w) {
            message("  ! " + w.warning());
        } else if (event instanceof AlertEvent a) {
            message("  ALERT " + a.describe());
        }
    }

    private void started(PhaseStarted p) {
        closeBar();
        doneSeconds = 0;
        lastTenth = 0;
        last = null;
        expectedSeconds = expected(p.phase());
        if (mode == Mode.LINES) {
            err.println(String.format(Locale.ROOT, "  %s / %s: %s%s", p.suite(), p.scenario(), phaseName(p.phase()),
                    expectedSeconds > 0 ? String.format(Locale.ROOT, " (about %.0f s)", Math.ceil(expectedSeconds)) : ""));
            err.flush();
        } else if (expectedSeconds > 0) {
            draw(p.suite(), p.scenario(), p.phase());
        }
    }

    private double expected(Phase phase) {
        if (scenario == null) {
            return 0;
        }
        double one = seconds(scenario.warmup()) + scenario.iterations() * seconds(scenario.duration());
        return switch (phase) {
            case THROUGHPUT, LATENCY -> one;
            case SCALABILITY -> sizes * one;
            case FAULT_TOLERANCE -> seconds(scenario.warmup()) + seconds(scenario.duration());
            case RESOURCES -> scenario.phases().size() == 1 ? one : 0;
        };
    }

    private static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }

    private void snapshot(IntervalSnapshot s) {
        doneSeconds += s.intervalSeconds();
        last = s;
        if (mode == Mode.BARS) {
            draw(s.suite(), s.scenario(), s.phase());
        } else if (expectedSeconds > 0) {
            int tenth = (int) Math.min(10, Math.floor(10 * doneSeconds / expectedSeconds));
            if (tenth > lastTenth && tenth < 10) {
                lastTenth = tenth;
                err.println("    " + tenth * 10 + "% " + figures(s));
                err.flush();
            }
        }
    }

    private void ended(PhaseEnded e) {
        if (mode == Mode.BARS) {
            if (barOpen) {
                doneSeconds = Math.max(doneSeconds, expectedSeconds);
                draw(e.suite(), e.scenario(), e.phase());
            }
            closeBar();
        } else {
            err.println(String.format(Locale.ROOT, "    done in %.1f s%s", e.elapsedSeconds(),
                    last == null ? "" : "; last interval " + figures(last)));
            err.flush();
        }
    }

    private void draw(String suite, String scenarioName, Phase phase) {
        double share = expectedSeconds <= 0 ? 0 : Math.min(1, doneSeconds / expectedSeconds);
        String head = String.format(Locale.ROOT, "%3.0f%% %s / %s %s", 100 * share, suite, scenarioName,
                last != null && last.warmup() ? phaseName(phase) + " warm-up" : phaseName(phase));
        String tail = last == null ? "" : " " + figures(last);
        int barWidth = Math.max(10, Math.min(30, width - head.length() - tail.length() - 4));
        int filled = (int) Math.round(share * barWidth);
        String line = "[" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "] " + head + tail;
        if (line.length() > width - 1) {
            line = line.substring(0, width - 1);
        }
        err.print("\r" + line + " ".repeat(Math.max(0, width - 1 - line.length())));
        err.flush();
        barOpen = true;
    }

    private void closeBar() {
        if (barOpen) {
            err.println();
            err.flush();
            barOpen = false;
        }
    }

    private static String phaseName(Phase p) {
        return p.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String figures(IntervalSnapshot s) {
        return String.format(Locale.ROOT, "%,.0f ops/s, p99 %s, ok %s", s.throughputOpsPerSecond(),
                Double.isNaN(s.p99Ms()) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", s.p99Ms()),
                Double.isNaN(s.successRate()) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * s.successRate()));
    }
}
