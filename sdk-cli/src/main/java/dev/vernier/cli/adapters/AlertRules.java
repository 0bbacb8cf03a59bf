package dev.vernier.cli.adapters;

import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.core.alert.AlertComparator;
import dev.vernier.core.alert.AlertMetric;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.Warning;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one class of the CLI that speaks to the alert engine ({@code dev.vernier.core.alert}): which
 * metrics, comparators and severities a rule may name (the engine's own), how a configuration's
 * rules become {@link AlertRule}s, and how they are given to a run: {@link Vernier.Builder#alertRules},
 * which evaluates them on every interval snapshot of each run (a fresh engine per run), tells the
 * listeners of every firing, keeps firings in the result as {@code ALERT} warnings, and ends the run
 * with {@link Vernier#abort} when an {@code abortOnFail} rule fires.
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
     * @param builder the run's Vernier
     * @param alerts the configuration's rules
     * @return the builder, with the rules (none when the file has none)
     */
    public static Vernier.Builder apply(Vernier.Builder builder, BenchmarkConfig.Alerts alerts) {
        return builder.alertRules(rules(alerts));
    }

    /**
     * @param result a run's result
     * @return the alerts that fired during it, one line each (the result's {@code ALERT} warnings)
     */
    public static List<String> fired(ScenarioResult result) {
        return result.warnings().stream().filter(w -> w.kind() == Warning.Kind.ALERT).map(Warning::message).toList();
    }

    /**
     * @param result a run's result
     * @return why an {@code abortOnFail} rule ended it, or null when none did
     */
    public static String abortedBy(ScenarioResult result) {
        return result.warnings().stream().filter(w -> w.kind() == Warning.Kind.ABORTED)
                .map(Warning::message).filter(m -> m.contains("alert: ")).findFirst()
                .map(m -> m.substring(m.indexOf("alert: ") + "alert: ".length())).orElse(null);
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
