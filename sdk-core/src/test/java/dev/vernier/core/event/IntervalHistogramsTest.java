package dev.vernier.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vernier.api.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

class IntervalHistogramsTest {

    @Test
    void copiesAreTheCallersAndEmptyTypesAndStagesAreLeftOut() {
        IntCountsHistogram all = new IntCountsHistogram(10_000_000_000L, 3);
        all.recordValue(1_000_000);
        all.recordValue(5_000_000);
        Map<String, IntCountsHistogram> types = new LinkedHashMap<>();
        types.put("put", all);
        types.put("get", new IntCountsHistogram(10_000_000_000L, 3));
        IntervalHistograms h = IntervalHistograms.copyOf(all, types, Map.of("queue", all));
        all.recordValue(9_000_000);
        assertEquals(2, h.count(), "a copy, not a view of the engine's histogram");
        assertEquals(List.of("put"), List.copyOf(h.byType().keySet()));
        Histogram mine = h.all();
        mine.reset();
        assertEquals(2, h.all().getTotalCount(), "accessors return copies");
        assertEquals(5_000_000, h.byStage().get("queue").getMaxValue(), 5_000);
        assertEquals(h, IntervalHistograms.copyOf(h.all(), h.byType(), h.byStage()), "value equality");
    }

    @Test
    void snapshotsBuiltTheOldWayHaveNoHistograms() {
        IntervalSnapshot s = new IntervalSnapshot("s", "sc", Phase.LATENCY, false, 0, 1, 1, 100, 100, 1, 0, 0, 1, 2, 3,
                4, 5, null, null);
        assertNull(s.histograms());
    }
}
