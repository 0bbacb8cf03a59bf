package dev.vernier.core.result;

import dev.vernier.api.Scenario;
import dev.vernier.core.resources.ResourceResult;
import java.util.List;

/**
 * Everything one scenario run against one suite produced. Phases that did not run are null.
 * Immutable and thread-safe.
 *
 * @param schemaVersion version of this structure (and of its JSON form)
 * @param suite the suite's name
 * @param scenario the scenario that produced this result, every setting of it
 * @param startedAtEpochMillis wall-clock start, ms since the epoch
 * @param elapsedSeconds wall-clock length of the whole run, seconds
 * @param throughput the throughput phase, or null
 * @param latency the latency phase, or null
 * @param resources what the system cost while the measured load ran (the RESOURCES phase), or null
 * @param scalability the load at several cluster sizes with a Universal Scalability Law fit, or null
 * @param faultTolerance throughput and consistency through a fault plan, or null
 * @param warnings warnings raised during the run (stuck threads, clamped values, failed faults, user code
 *     over its time limit, an abort with its reason...)
 * @param environment where it was measured (JDK, OS, CPU, memory, load at start), or null when unknown
 */
public record ScenarioResult(int schemaVersion, String suite, Scenario scenario, long startedAtEpochMillis,
                             double elapsedSeconds, ThroughputResult throughput, LatencyResult latency,
                             ResourceResult resources, ScalabilityResult scalability,
                             FaultToleranceResult faultTolerance, List<Warning> warnings, Environment environment) {

    /**
     * Current {@link #schemaVersion()}: 2 records the scenario's settings, typed percentiles and
     * warnings, the environment and the USL fit's uncertainty; 3 adds the accounting (scheduled, not
     * sent, lower bounds), the throughput window's merged latency, the committed-only latency and the
     * verdict's {@code limitedBy}. Version 2 documents are still read (the new figures absent or zero).
     */
    public static final int SCHEMA_VERSION = 3;

    /** Oldest {@link #schemaVersion()} that can still be read. */
    public static final int OLDEST_READABLE_SCHEMA_VERSION = 2;

    /** Copies the collections. */
    public ScenarioResult {
        warnings = List.copyOf(warnings);
    }

    /** A result without an environment record. */
    public ScenarioResult(int schemaVersion, String suite, Scenario scenario, long startedAtEpochMillis,
                          double elapsedSeconds, ThroughputResult throughput, LatencyResult latency,
                          ResourceResult resources, ScalabilityResult scalability,
                          FaultToleranceResult faultTolerance, List<Warning> warnings) {
        this(schemaVersion, suite, scenario, startedAtEpochMillis, elapsedSeconds, throughput, latency, resources,
                scalability, faultTolerance, warnings, null);
    }

    /** @return true when the run was aborted (a warning of kind {@link Warning.Kind#ABORTED} says why) */
    public boolean aborted() {
        return warnings.stream().anyMatch(w -> w.kind() == Warning.Kind.ABORTED);
    }

    /** @return the scenario's name */
    public String scenarioName() {
        return scenario.name();
    }

    /** @return a copy that records {@code env} as where it was measured (for example with a label added) */
    public ScenarioResult withEnvironment(Environment env) {
        return new ScenarioResult(schemaVersion, suite, scenario, startedAtEpochMillis, elapsedSeconds, throughput,
                latency, resources, scalability, faultTolerance, warnings, env);
    }
}
