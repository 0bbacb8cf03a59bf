package dev.vernier.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * One chart of the HTML report as data: x values, series, and decorations (shaded bands, vertical
 * markers, horizontal limit lines, error bars). {@code report.js} turns it into a uPlot chart.
 * Numbers are rounded to 6 significant digits and NaN is written as null (a gap). Not thread-safe;
 * used by one rendering call.
 */
final class ChartSpec {

    /** Series colours, in order (colour-blind-safe, after Okabe and Ito). */
    static final List<String> PALETTE = List.of("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
            "#000000", "#f0e442");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectNode root = NODES.objectNode();
    private final ObjectNode x;
    private final ObjectNode y;
    private final ArrayNode series;
    private int colour;

    ChartSpec(String id, String kind, String xLabel, String yLabel) {
        root.put("id", id).put("kind", kind);
        x = root.putObject("x").put("label", xLabel);
        y = root.putObject("y").put("label", yLabel);
        series = root.putArray("series");
    }

    private ArrayNode array(String name) {
        return root.has(name) ? (ArrayNode) root.get(name) : root.putArray(name);
    }

    ChartSpec x(double[] values) {
        x.set("values", numbers(values));
        return this;
    }

    /** x is log10 (the percentile plot: values are 1 / (1 - quantile)). */
    ChartSpec percentileX() {
        x.put("log", true).put("percentile", true);
        return this;
    }

    /** x values are category positions 0..n-1 named by {@code names}. */
    ChartSpec categories(List<String> names) {
        ArrayNode a = x.putArray("categories");
        names.forEach(a::add);
        return this;
    }

    ChartSpec yLog() {
        y.put("log", true);
        return this;
    }

    ChartSpec y2(String label) {
        root.putObject("y2").put("label", label);
        return this;
    }

    /**
     * @param style {@code line}, {@code dash}, {@code step}, {@code points} or {@code bars}
     * @param axis {@code y} or {@code y2}
     */
    ChartSpec series(String label, double[] values, String style, String axis) {
        return series(label, values, style, axis, PALETTE.get(colour++ % PALETTE.size()));
    }

    ChartSpec series(String label, double[] values, String style, String axis, String color) {
        series.addObject().put("label", label).put("style", style).put("axis", axis).put("color", color)
                .set("values", numbers(values));
        return this;
    }

    /** Bars of grouped charts are this wide, as a fraction of the distance between neighbouring x values. */
    ChartSpec barWidth(double fraction) {
        root.put("barWidth", fraction);
        return this;
    }

    ChartSpec band(double from, double to, String label) {
        array("bands").addObject().put("from", round(from)).put("to", round(to)).put("label", label);
        return this;
    }

    ChartSpec marker(double x, String label) {
        array("markers").addObject().put("x", round(x)).put("label", label);
        return this;
    }

    ChartSpec hline(double y, String axis, String label) {
        array("hlines").addObject().put("y", round(y)).put("axis", axis).put("label", label);
        return this;
    }

    /** Whiskers from {@code low} to {@code high} on series {@code index}. */
    ChartSpec errorBars(int index, double[] low, double[] high) {
        ObjectNode e = array("errorBars").addObject().put("series", index);
        e.set("low", numbers(low));
        e.set("high", numbers(high));
        return this;
    }

    ObjectNode json() {
        return root;
    }

    static ArrayNode numbers(double[] values) {
        ArrayNode a = NODES.arrayNode(values.length);
        for (double v : values) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                a.addNull();
            } else {
                a.add(round(v));
            }
        }
        return a;
    }

    /** 6 significant digits, as a decimal (so the JSON text is stable and short). */
    static BigDecimal round(double v) {
        if (v == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
