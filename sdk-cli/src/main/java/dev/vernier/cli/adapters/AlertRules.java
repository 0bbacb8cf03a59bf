package dev.vernier.cli.adapters;

import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.core.alert.AlertComparator;
import dev.vernier.core.alert.AlertEngine;
import dev.vernier.core.alert.AlertMetric;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.RunListener;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one class of the CLI that speaks to the alert engine ({@code dev.vernier.core.alert}): which
 * metrics, comparators and severities a rule may name (the engine's own), how a configuration's
 * rules become {@link AlertRule}s, and the {@link AlertEngine} that evaluates them on every interval
 * snapshot of a run (warm-up included), one engine per run so that no state leaks between runs.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlertRules {

    /** Metric keys a rule may watch ({@link AlertMetric#key()}), with their units: ops/s, %, ms. */
    public static final Set<String> METRICS = metrics();
    /** How a rule compares the metric with its threshold: the key holding the threshold. */
    public static final Set<String> COMPARATORS = Set.of("above", "below", "atOrAbove", "atOrBelow");
    /** Severities, least first ({@link AlertSeverity}). */
    public static final List<String> SEVERITIES = severities();
    /** Names of the source documents' five rules that {@code alerts.defaults: true} adds. */
    public static final Set<String> DEFAULT_NAMES = defaultNames();

    private static final Map<String, AlertComparator> COMPARATOR = Map.of("above", AlertComparator.ABOVE,
            "below", AlertComparator.BELOW, "atOrAbove", AlertComparator.AT_OR_ABOVE,
            "atOrBelow", AlertComparator.AT_OR_BELOW);

    private AlertRules() {
    }

    private static Set<String> metrics() {
        Set<String> out = new LinkedHashSet<>();
        for (AlertMetric m : AlertMetric.values()) {
            out.add(m.key());
        }
        return Set.copyOf(out);
    }

    private static List<String> severities() {
        List<String> out = new ArrayList<>();
        for (AlertSeverity s : AlertSeverity.values()) {
            out.add(s.name().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    private static Set<String> defaultNames() {
        Set<String> out = new LinkedHashSet<>();
        AlertRule.defaults().forEach(r -> out.add(r.name()));
        return Set.copyOf(out);
    }

    /** @return whether this build can evaluate alert rules during a run */
    public static boolean available() {
        return true;
    }

    /**
     * @param alerts the configuration's rules (already checked)
     * @return the rules: the defaults first when asked for, then the file's, in order
     */
    public static List<AlertRule> rules(BenchmarkConfig.Alerts alerts) {
        List<AlertRule> out = new ArrayList<>(alerts.defaults() ? AlertRule.defaults() : List.of());
        for (BenchmarkConfig.AlertRuleSpec s : alerts.rules()) {
            out.add(AlertRule.builder(s.name()).metric(AlertMetric.ofKey(s.metric()))
                    .when(COMPARATOR.get(s.comparator()), s.threshold()).forDuration(s.forDuration())
                    .severity(AlertSeverity.valueOf(s.severity().toUpperCase(Locale.ROOT)))
                    .abortOnFail(s.abortOnFail()).build());
        }
        return out;
    }

    /**
     * A fresh engine for one run.
     *
     * @param alerts the configuration's rules
     * @param events receives every alert fired or resolved, on the run's thread
     * @param abort called with a reason when a rule marked {@code abortOnFail} fires
     * @return the listener to register on the run, or null when there is no rule
     */
    public static RunListener listener(BenchmarkConfig.Alerts alerts, Consumer<AlertEvent> events,
                                       Consumer<String> abort) {
        List<AlertRule> rules = rules(alerts);
        if (rules.isEmpty()) {
            return null;
        }
        return AlertEngine.builder().rules(rules).listener(e -> {
            if (e instanceof AlertEvent a) {
                events.accept(a);
            }
        }).abortAction(abort).build();
    }

    /**
     * @param alerts the configuration's rules
     * @return one line saying what happens to them, or null when there are none
     */
    public static String status(BenchmarkConfig.Alerts alerts) {
        int n = rules(alerts).size();
        return n == 0 ? null : n + " alert rule(s) evaluated on every interval of every run";
    }
}
