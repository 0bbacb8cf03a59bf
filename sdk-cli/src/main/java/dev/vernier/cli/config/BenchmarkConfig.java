package dev.vernier.cli.config;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.tuning.Objective;
import dev.vernier.core.report.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A configuration file read, validated and with its profile applied: the suites (created, not yet
 * set up), the scenarios with their targets, alert rules, the environment check, where results go,
 * the regression gate and the tuning session. Produced by {@link ConfigLoader}; every value here has
 * been checked.
 *
 * <p>Immutable apart from the suites, which are live objects (thread-safe as their classes are).
 *
 * @param source the file it was read from
 * @param profile the profile applied, or null
 * @param description what the file says it is for, or null
 * @param suites the suites, in file order
 * @param scenarios the scenarios, in file order
 * @param targets the file's targets section (each scenario has its own, refined from these)
 * @param alerts the alert rules
 * @param environment the environment check
 * @param output where results go
 * @param gate the regression gate against stored baselines
 * @param tuning the tuning session, or null when the file has none
 * @param timeScale the factor applied to every scenario's durations (profile and command line)
 */
public record BenchmarkConfig(Path source, String profile, String description, List<Suite> suites,
                              List<ScenarioEntry> scenarios, TargetSet targets, Alerts alerts, EnvironmentCheck environment,
                              Output output, Gate gate, Tuning tuning, double timeScale) {

    /** Version of the configuration format this build reads. */
    public static final int FORMAT_VERSION = 1;

    /** Copies the lists. */
    public BenchmarkConfig {
        suites = List.copyOf(suites);
        scenarios = List.copyOf(scenarios);
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(gate, "gate");
    }

    /**
     * @param name a suite's name
     * @return the suite with that name, or null
     */
    public Suite suite(String name) {
        return suites.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * One suite.
     *
     * @param name the name its results carry
     * @param kind {@code builtin:raft} or {@code class:com.example.MySuite}, for messages
     * @param suite the suite, created but not set up
     */
    public record Suite(String name, String kind, ProtocolSuite suite) {
    }

    /**
     * One scenario with what it is checked against.
     *
     * @param scenario the scenario (time scale applied)
     * @param suites names of the suites it runs on; empty for all
     * @param targets what its results must achieve
     */
    public record ScenarioEntry(Scenario scenario, List<String> suites, TargetSet targets) {
        /** Copies the list. */
        public ScenarioEntry {
            suites = List.copyOf(suites);
        }

        /** @return whether it runs on the suite of that name */
        public boolean runsOn(String suite) {
            return suites.isEmpty() || suites.contains(suite);
        }
    }

    /**
     * Targets of one scenario: the report targets ({@link Targets}) and the throughput floors of the
     * scalability phase by cluster size.
     *
     * @param targets p50, p95, p99, error rate, CPU, memory per node, throughput floor, gain targets
     * @param scalabilityFloors smallest acceptable throughput at each cluster size, ops/s
     * @param explicit the target keys the file set (the rest are the seed's defaults)
     */
    public record TargetSet(Targets targets, Map<Integer, Double> scalabilityFloors, Set<String> explicit) {
        /** Copies the collections. */
        public TargetSet {
            Objects.requireNonNull(targets, "targets");
            scalabilityFloors = Map.copyOf(scalabilityFloors);
            explicit = Set.copyOf(explicit);
        }

        /** @return the seed's defaults and no floors */
        public static TargetSet defaults() {
            return new TargetSet(Targets.defaults(), Map.of(), Set.of());
        }
    }

    /**
     * Alert rules, evaluated on every interval snapshot of a run (once the alert engine is available,
     * see {@code dev.vernier.cli.adapters.AlertRules}).
     *
     * @param defaults whether the five default rules of the source documents apply too
     * @param rules the file's rules
     */
    public record Alerts(boolean defaults, List<AlertRuleSpec> rules) {
        /** Copies the list. */
        public Alerts {
            rules = List.copyOf(rules);
        }
    }

    /**
     * One alert rule as written.
     *
     * @param name its name
     * @param metric the metric's key ({@code throughput}, {@code error_rate}, {@code latency_p50},
     *     {@code latency_p95}, {@code latency_p99}, {@code latency_max}, {@code cpu}, {@code memory})
     * @param comparator {@code above}, {@code below}, {@code atOrAbove} or {@code atOrBelow}
     * @param threshold the limit in the metric's unit
     * @param forDuration how long the condition must hold before the alert fires
     * @param severity {@code info}, {@code warning} or {@code critical}
     * @param abortOnFail whether the run stops when it fires
     */
    public record AlertRuleSpec(String name, String metric, String comparator, double threshold, Duration forDuration,
                                String severity, boolean abortOnFail) {
    }

    /**
     * The check of the machine before a run.
     *
     * @param check whether to check at all
     * @param maxLoadPerCore warn when the load average exceeds this many per available processor
     * @param minFreeMemoryMb warn when less memory than this is available, MiB
     * @param busyProcessPercent warn about another process using more than this share of one core, percent
     * @param sampleTime how long other processes' CPU is sampled
     * @param requireQuiet refuse to run (exit 3) when any warning is raised
     */
    public record EnvironmentCheck(boolean check, double maxLoadPerCore, long minFreeMemoryMb,
                                   double busyProcessPercent, Duration sampleTime, boolean requireQuiet) {
        /** @return check on, load at most 1 per core, 512 MiB free, processes above 25% of a core, 1 s sample */
        public static EnvironmentCheck defaults() {
            return new EnvironmentCheck(true, 1.0, 512, 25, Duration.ofSeconds(1), false);
        }
    }

    /**
     * Where results go.
     *
     * @param directory the results directory: the store's JSON files, baselines and {@code archives/}
     * @param html whether run directories get the HTML report
     * @param archive whether each run directory is also compressed to a {@code .zip}
     * @param hlog whether each run directory gets the run's interval log {@code latency.hlog}
     * @param store whether results are saved to the store (history, baselines)
     * @param retention how long the store keeps results
     * @param label the label recorded in each result's environment (a commit id), or null
     */
    public record Output(Path directory, boolean html, boolean archive, boolean hlog, boolean store,
                         Duration retention, String label) {
        /** @return {@code vernier-results}, everything on, 7 days, no label */
        public static Output defaults() {
            return new Output(Path.of("vernier-results"), true, true, true, true, Duration.ofDays(7), null);
        }
    }

    /**
     * The regression gate: results compared with stored baselines, as {@code vernier compare} does.
     *
     * @param baselines baseline names; each is compared with the result of the same suite and scenario
     * @param alpha significance level, in (0, 0.5)
     * @param threshold noise band of relative changes, fraction
     * @param errorThreshold noise band of error-rate changes, share
     * @param failOnInconclusive whether an INCONCLUSIVE figure fails the gate too
     */
    public record Gate(List<String> baselines, double alpha, double threshold, double errorThreshold,
                       boolean failOnInconclusive) {
        /** Copies the list. */
        public Gate {
            baselines = List.copyOf(baselines);
        }

        /** @return no baselines; alpha 0.05, threshold 0.02, error threshold 0.001 */
        public static Gate defaults() {
            return new Gate(List.of(), 0.05, 0.02, 0.001, false);
        }
    }

    /**
     * A tuning session on one suite (see {@code dev.vernier.cli.adapters.TuningDriver}).
     *
     * @param suite the suite's name; it must be Tunable
     * @param parameters the parameters tuned; empty for all
     * @param objective what to optimise and the constraints
     * @param window one measurement window's load: its duration is the window, its throughput interval
     *     one sample, its warm-up runs before every window (default none)
     * @param operatingPoint the fixed open rate at which start and final latency are compared, or null
     * @param settings the session's settings by builder name ({@code maxWindows}, {@code keepThreshold},
     *     {@code seed}, ...), checked
     * @param benchmark scenarios measured before and after the session on the same live suite
     * @param targets what the benchmarks after the session must achieve
     */
    public record Tuning(String suite, List<String> parameters, Objective objective, Scenario window,
                         OperatingPoint operatingPoint, Map<String, Object> settings, List<String> benchmark,
                         TargetSet targets) {
        /** Copies the collections. */
        public Tuning {
            parameters = List.copyOf(parameters);
            settings = Map.copyOf(settings);
            benchmark = List.copyOf(benchmark);
        }
    }

    /**
     * Where a tuning session compares latency: a fixed open rate both the start and the tuned
     * configuration can carry (latency from closed-loop windows is not comparable).
     *
     * @param opsPerSecond the rate, ops/s
     * @param warmup load run and discarded before each of its windows
     */
    public record OperatingPoint(double opsPerSecond, Duration warmup) {
    }
}
