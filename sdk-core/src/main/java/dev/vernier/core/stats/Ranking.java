package dev.vernier.core.stats;

import dev.vernier.core.RunMatrix;
import dev.vernier.core.result.ScenarioResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Several protocols (suites) ranked per figure under one scenario, with the significance of each
 * step of the ranking. Immutable and thread-safe.
 *
 * <p>Per figure, suites are ordered best first by value (direction-aware; NaN last). Each entry
 * after the first carries its {@link FigureChange} from the entry ranked just above it (baseline =
 * the one above): the change with its interval, the p-value and the verdict, so "B is second, but
 * not significantly behind A" (INCONCLUSIVE or UNCHANGED) is visible.
 *
 * @param scenario the scenario's name
 * @param figures entries per figure name, best first
 */
public record Ranking(String scenario, Map<String, List<Entry>> figures) {

    /** Copies the map and lists, keeping the order. */
    public Ranking {
        Map<String, List<Entry>> m = new LinkedHashMap<>();
        figures.forEach((k, v) -> m.put(k, List.copyOf(v)));
        figures = java.util.Collections.unmodifiableMap(m);
    }

    /**
     * One suite's place for one figure.
     *
     * @param rank 1 for the best
     * @param suite the suite's name
     * @param estimate the suite's estimate of the figure
     * @param versusPrevious this suite compared with the one ranked just above (null for rank 1),
     *     baseline = the one above
     */
    public record Entry(int rank, String suite, Estimate estimate, FigureChange versusPrevious) {
    }

    /**
     * @param matrix a comprehensive run
     * @param scenario which scenario's results to rank
     * @param config statistics settings
     * @return the ranking
     * @throws IllegalArgumentException naming the scenario when it has no results
     */
    public static Ranking of(RunMatrix matrix, String scenario, StatisticsConfig config) {
        List<ScenarioResult> rs = matrix.results().stream().filter(r -> r.scenarioName().equals(scenario)).toList();
        if (rs.isEmpty()) {
            throw new IllegalArgumentException("scenario must have results in the matrix, but was " + scenario);
        }
        return of(rs, config);
    }

    /**
     * @param results results of one scenario, one per suite (at least one)
     * @param config statistics settings
     * @return the ranking of every figure all results share
     * @throws IllegalArgumentException when results is empty or mixes scenarios
     */
    public static Ranking of(List<ScenarioResult> results, StatisticsConfig config) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("results must not be empty, but was []");
        }
        String scenario = results.get(0).scenarioName();
        List<FigureSet> sets = new ArrayList<>();
        for (ScenarioResult r : results) {
            if (!r.scenarioName().equals(scenario)) {
                throw new IllegalArgumentException("results must all be of scenario " + scenario + ", but one was "
                        + r.scenarioName());
            }
            sets.add(ResultStatistics.of(r, config));
        }
        Map<String, List<Entry>> figures = new LinkedHashMap<>();
        for (String name : sets.get(0).figures().keySet()) {
            if (!sets.stream().allMatch(s -> s.figures().containsKey(name))) {
                continue;
            }
            Direction dir = Figure.directionOf(name);
            Comparator<FigureSet> byMean = Comparator.comparingDouble(s -> {
                double m = s.figure(name).estimate().mean();
                return Double.isNaN(m) ? Double.POSITIVE_INFINITY : dir == Direction.HIGHER_IS_BETTER ? -m : m;
            });
            List<FigureSet> ordered = sets.stream().sorted(byMean).toList();
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                Figure f = ordered.get(i).figure(name);
                FigureChange vs = i == 0 ? null : FigureChange.of(ordered.get(i - 1).figure(name), f, config);
                entries.add(new Entry(i + 1, ordered.get(i).suite(), f.estimate(), vs));
            }
            figures.put(name, entries);
        }
        return new Ranking(scenario, figures);
    }

    /** How an entry stands against the one above it (which is never worse by value). */
    static String standing(Verdict v) {
        return switch (v) {
            case REGRESSED -> "behind (significant)";
            case UNCHANGED -> "tied (inside the noise band)";
            case INCONCLUSIVE -> "not separable (inconclusive)";
            case IMPROVED -> "ahead (significant)";
        };
    }

    /**
     * @return one Markdown table per figure: rank, suite, value with its interval, change from the
     *     suite ranked just above with its interval, p-value and standing (behind, tied or not
     *     separable; error rates in percent, their changes in percentage points)
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Ranking for scenario `").append(scenario).append("`\n");
        figures.forEach((name, entries) -> {
            sb.append("\n### ").append(name).append("\n\n");
            Estimate first = entries.get(0).estimate();
            String level = Estimate.stripZeros(first.confidence() * 100) + "%";
            FigureChange anyChange = entries.size() > 1 ? entries.get(1).versusPrevious() : null;
            String changeLevel = anyChange == null ? "" : " (" + Estimate.stripZeros(anyChange.change().confidence()
                    * 100) + "% CI)";
            sb.append("| Rank | Suite | Value (").append(level).append(" CI) | vs the one above").append(changeLevel)
                    .append(" | p-value | Standing |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (Entry e : entries) {
                FigureChange v = e.versusPrevious();
                String unit = name.equals(Figure.ERROR_RATE) ? "fraction" : "";
                sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", e.rank(), e.suite(),
                        Comparison.cell(e.estimate(), unit), v == null ? "-" : v.formatChangeCell(),
                        v == null ? "-" : FigureChange.formatP(v.pValue()), v == null ? "-" : standing(v.verdict())));
            }
        });
        return sb.toString();
    }
}
