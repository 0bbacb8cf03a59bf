package dev.vernier.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting shared by the report writers: {@link Locale#ROOT} always. Stateless. */
final class Reports {

    private Reports() {
    }

    /** @return {@code String.format(Locale.ROOT, ...)} */
    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** @return the value with at most 3 decimals and no trailing zeros ("300", "0.5", "12.346"); "n/a" for NaN */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** @return ms with 3 decimals, "n/a" for NaN */
    static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : f("%.3f", v);
    }

    /** @return text safe inside HTML elements and attribute values */
    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** @return text safe inside a Markdown table cell */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "/").replace("\n", " ");
    }
}
