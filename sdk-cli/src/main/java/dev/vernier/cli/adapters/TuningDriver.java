package dev.vernier.cli.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.config.Problems;
import dev.vernier.cli.config.Values;
import dev.vernier.core.Vernier;
import dev.vernier.core.report.TuningTrajectory;
import dev.vernier.optimizer.Measurement;
import dev.vernier.optimizer.Observation;
import dev.vernier.optimizer.Trajectories;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.optimizer.TuningListener;
import dev.vernier.optimizer.TuningSession;
import dev.vernier.optimizer.TuningStep;
import dev.vernier.optimizer.Verification;
import dev.vernier.optimizer.VernierMeasurer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one class of the CLI that speaks to the optimizer ({@code sdk-optimizer}): which session
 * settings a configuration may give and how they are checked, how a session is built from the
 * configuration and run (the windows, the operating point, the settings), and how its report becomes
 * what the CLI prints and archives (the verified headline, the stop reason, the trajectory). When the
 * optimizer's API changes, this class changes and nothing else.
 *
 * <p>Settings are checked by the optimizer's own builder (a value it rejects is reported with its
 * message), so the configuration cannot accept what a session would refuse.
 *
 * <p>Not thread-safe, except {@link #cancel()}, which any thread (a shutdown hook) may call.
 */
public final class TuningDriver {

    /** How a setting is read from the configuration and given to the builder. */
    private enum Kind { INTEGER, NUMBER, LONG, BOOLEAN, DURATION }

    private record Setting(Kind kind, BiConsumer<TuningSession.Builder, Object> setter) {
    }

    private static final Map<String, Setting> SETTINGS = settings();

    private final BenchmarkConfig.Tuning spec;
    private final Vernier vernier;
    private final ProtocolSuite suite;
    private final Consumer<String> steps;
    private volatile TuningSession session;
    private volatile boolean cancelled;

    /**
     * @param spec the configuration's tuning section
     * @param vernier measures the windows (its listeners see every window as a THROUGHPUT phase)
     * @param suite the running suite; must implement {@link Tunable}
     * @param steps receives one line per step as the session decides it
     */
    public TuningDriver(BenchmarkConfig.Tuning spec, Vernier vernier, ProtocolSuite suite, Consumer<String> steps) {
        this.spec = spec;
        this.vernier = vernier;
        this.suite = suite;
        this.steps = steps;
    }

    private static Map<String, Setting> settings() {
        Map<String, Setting> m = new LinkedHashMap<>();
        m.put("maxWindows", new Setting(Kind.INTEGER, (b, v) -> b.maxWindows((Integer) v)));
        m.put("warmupWindows", new Setting(Kind.INTEGER, (b, v) -> b.warmupWindows((Integer) v)));
        m.put("baselineWindows", new Setting(Kind.INTEGER, (b, v) -> b.baselineWindows((Integer) v)));
        m.put("roundsPerComparison", new Setting(Kind.INTEGER, (b, v) -> b.roundsPerComparison((Integer) v)));
        m.put("verifyRounds", new Setting(Kind.INTEGER, (b, v) -> b.verifyRounds((Integer) v)));
        m.put("keepThreshold", new Setting(Kind.NUMBER, (b, v) -> b.keepThreshold((Double) v)));
        m.put("confidence", new Setting(Kind.NUMBER, (b, v) -> b.confidence((Double) v)));
        m.put("significance", new Setting(Kind.NUMBER, (b, v) -> b.significance((Double) v)));
        m.put("seed", new Setting(Kind.LONG, (b, v) -> b.seed((Long) v)));
        m.put("initialPoints", new Setting(Kind.INTEGER, (b, v) -> b.initialPoints((Integer) v)));
        m.put("maxStep", new Setting(Kind.NUMBER, (b, v) -> b.maxStep((Double) v)));
        m.put("candidates", new Setting(Kind.INTEGER, (b, v) -> b.candidates((Integer) v)));
        m.put("advisors", new Setting(Kind.BOOLEAN, (b, v) -> b.advisors((Boolean) v)));
        m.put("stopWhenNotConfident", new Setting(Kind.BOOLEAN, (b, v) -> b.stopWhenNotConfident((Boolean) v)));
        m.put("settle", new Setting(Kind.DURATION, (b, v) -> b.settle((Duration) v)));
        return m;
    }

    /** @return the session settings a configuration's {@code tuning} section may give, in builder order */
    public static Set<String> settingKeys() {
        return SETTINGS.keySet();
    }

    /**
     * Reads one session setting and lets the optimizer's builder check it.
     *
     * @param key a key of {@link #settingKeys()}
     * @param value its value as written
     * @param path its path, for problems
     * @param problems receives the problem, if any
     * @param timeScale multiplies durations (the settle time)
     * @return the value, or null after a problem
     */
    public static Object checkSetting(String key, JsonNode value, String path, Problems problems, double timeScale) {
        Setting s = SETTINGS.get(key);
        Object v = switch (s.kind()) {
            case INTEGER -> Values.integer(value, path, Integer.MIN_VALUE, Integer.MAX_VALUE, problems);
            case NUMBER -> Values.number(value, path, -Double.MAX_VALUE, Double.MAX_VALUE, problems);
            case LONG -> Values.longValue(value, path, problems);
            case BOOLEAN -> Values.bool(value, path, problems);
            case DURATION -> {
                Duration d = Values.duration(value, path, problems);
                yield d == null ? null : Duration.ofNanos(Math.round(d.toNanos() * timeScale));
            }
        };
        if (v == null) {
            return null;
        }
        try {
            s.setter().accept(scratchBuilder(), v);
            return v;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            problems.add(path, m != null && m.startsWith(key + " ") ? m.substring(key.length() + 1) : m);
            return null;
        }
    }

    private static TuningSession.Builder scratchBuilder() {
        Tunable none = new Tunable() {
            @Override
            public ParameterSpace parameterSpace() {
                return ParameterSpace.of(dev.vernier.api.tuning.Parameter.bool("unused", false));
            }

            @Override
            public Configuration currentConfiguration() {
                return Configuration.of("unused", false);
            }

            @Override
            public void apply(Configuration changes) {
            }
        };
        return TuningSession.builder(none, c -> new Measurement(Map.of(), List.of(), Map.of()));
    }

    /**
     * What a session did, in the CLI's terms (no optimizer type leaks out).
     *
     * @param outcome why it ended: BUDGET_USED, CONVERGED, NO_CONFIDENT_PROPOSAL, FAILED or CANCELLED
     * @param reason the same, in words
     * @param failure why it failed or was cancelled, or null
     * @param startConfiguration the values before
     * @param finalConfiguration the values after (kept, or the last good one restored)
     * @param headline the gain lines a script can read
     * @param markdown the session's report with its history table
     * @param trajectory the session for the HTML report
     */
    public record Outcome(String outcome, String reason, String failure, Map<String, Object> startConfiguration,
                          Map<String, Object> finalConfiguration, String headline, String markdown,
                          TuningTrajectory trajectory) {

        /** @return true when the session ran to one of its ends (not failed, not cancelled) */
        public boolean completed() {
            return !"FAILED".equals(outcome) && !"CANCELLED".equals(outcome);
        }

        /** @return true when it was cancelled (Ctrl-C) */
        public boolean cancelled() {
            return "CANCELLED".equals(outcome);
        }
    }

    /**
     * Runs the session on the calling thread. The optimizer restores the last good configuration
     * when the session fails, is cancelled or the JVM exits.
     *
     * @return what it did
     */
    public Outcome run() {
        Tunable tunable = (Tunable) suite;
        if (!spec.parameters().isEmpty()) {
            tunable = tunable.restrictedTo(spec.parameters().toArray(new String[0]));
        }
        Duration window = spec.window().duration();
        VernierMeasurer measurer = new VernierMeasurer(vernier, suite, spec.window(), window,
                spec.window().throughputInterval(), spec.objective().target());
        TuningSession.Builder b = TuningSession.builder(tunable, measurer).objective(spec.objective())
                .listener(new TuningListener() {
                    @Override
                    public void onStep(TuningStep step) {
                        steps.accept(describe(step));
                    }

                    @Override
                    public void onVerification(Verification v) {
                        steps.accept("verified, start against final, interleaved: " + v.note());
                    }
                });
        if (spec.operatingPoint() != null) {
            b.operatingPoint(VernierMeasurer.throughput(vernier, suite, spec.operatingPoint().opsPerSecond(), window,
                    spec.operatingPoint().warmup()));
        }
        spec.settings().forEach((k, v) -> SETTINGS.get(k).setter().accept(b, v));
        TuningSession s = b.build();
        session = s;
        if (cancelled) {
            s.cancel();
        }
        TuningReport report = s.run();
        return new Outcome(report.outcome().name(), report.reason(), report.failure(), report.startConfiguration(),
                report.finalConfiguration(), headline(report), report.toMarkdown(),
                Trajectories.of(report, spec.objective()));
    }

    /** Asks the running session to stop; it restores the last good configuration. Any thread. */
    public void cancel() {
        cancelled = true;
        TuningSession s = session;
        if (s != null) {
            s.cancel();
        }
    }

    /** The session's verified figures: the start and the final configuration re-measured interleaved. */
    private String headline(TuningReport r) {
        return r.throughputGainLine() + System.lineSeparator() + "Latency reduction (p50"
                + (spec.operatingPoint() == null ? "" : String.format(Locale.ROOT, " at %.0f ops/s",
                spec.operatingPoint().opsPerSecond())) + "): " + (r.p50ReductionPercent() == null
                ? "n/a" + (spec.operatingPoint() == null ? " (no operatingPoint in the file)" : "")
                : String.format(Locale.ROOT, "%.1f%%", r.p50ReductionPercent()));
    }

    private String describe(TuningStep s) {
        Observation o = s.observation();
        return String.format(Locale.ROOT, "step %2d %-14s %s -> %s: %s (%s)", s.index(), s.proposal().source(),
                s.proposal().configuration(), o == null ? "not measured"
                        : String.format(Locale.ROOT, "%.1f %s%s", o.objective(), unit(spec.objective().target()),
                        o.feasible() ? "" : " (breaks a constraint)"),
                s.decision(), s.reason());
    }

    private static String unit(Metric m) {
        return m.unit().isEmpty() ? "" : m.unit();
    }
}
