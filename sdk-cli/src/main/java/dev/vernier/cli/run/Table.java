package dev.vernier.cli.run;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for terminal summaries. Not thread-safe. */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] right;

    /**
     * @param header the column titles
     * @param rightAligned which columns hold numbers (aligned right)
     */
    public Table(String[] header, boolean[] rightAligned) {
        rows.add(header.clone());
        this.right = rightAligned.clone();
    }

    /** @param cells one row, as many cells as the header */
    public void row(String... cells) {
        rows.add(cells.clone());
    }

    /** @return the table, two spaces between columns, a rule under the header, one line per row */
    public String render() {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i] == null ? 0 : r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String c = r[i] == null ? "" : r[i];
                String pad = " ".repeat(w[i] - c.length());
                line.append(i == 0 ? "" : "  ").append(right[i] ? pad + c : c + pad);
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
            if (k == 0) {
                int total = 0;
                for (int x : w) {
                    total += x;
                }
                b.append("-".repeat(total + 2 * (cols - 1))).append(System.lineSeparator());
            }
        }
        return b.toString();
    }
}
