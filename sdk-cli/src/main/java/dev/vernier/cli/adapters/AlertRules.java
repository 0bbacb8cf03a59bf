package dev.vernier.cli.adapters;

import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.core.event.RunListener;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one class of the CLI that speaks to the alert engine ({@code dev.vernier.core.alert}): which
 * metrics, comparators and severities a rule may name, and the listener that evaluates the rules on
 * a run's interval snapshots.
 *
 * <p>This build has no alert engine yet (it lands on main with the live monitor): the rules of a
 * configuration are read and checked, and {@link #listener} says so instead of evaluating them, so
 * that a rule is never silently ignored. When the engine lands, {@link #listener} builds an
 * {@code AlertEngine} from the rules and nothing else in the CLI changes.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlertRules {

    /** Metric keys a rule may watch, with their units: ops/s, %, ms. */
    public static final Set<String> METRICS = Set.of("throughput", "error_rate", "latency_p50", "latency_p95",
            "latency_p99", "latency_max", "cpu", "memory");
    /** How a rule compares the metric with its threshold: the key holding the threshold. */
    public static final Set<String> COMPARATORS = Set.of("above", "below", "atOrAbove", "atOrBelow");
    /** Severities, least first. */
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private AlertRules() {
    }

    /** @return whether this build can evaluate alert rules during a run */
    public static boolean available() {
        return false;
    }

    /**
     * @param alerts the configuration's rules
     * @param fired receives one line per alert fired or resolved
     * @param abort called with a reason when a rule marked {@code abortOnFail} fires
     * @return the listener to register on the run, or null when there is nothing to evaluate or no
     *     engine to evaluate it (see {@link #available()})
     */
    public static RunListener listener(BenchmarkConfig.Alerts alerts, Consumer<String> fired, Consumer<String> abort) {
        return null;
    }

    /**
     * @param alerts the configuration's rules
     * @return one line saying what happens to them in this build, or null when there are none
     */
    public static String status(BenchmarkConfig.Alerts alerts) {
        int n = alerts.rules().size() + (alerts.defaults() ? 5 : 0);
        if (n == 0) {
            return null;
        }
        return available() ? n + " alert rule(s) evaluated on every interval"
                : n + " alert rule(s) checked but not evaluated: this build has no alert engine yet";
    }
}
