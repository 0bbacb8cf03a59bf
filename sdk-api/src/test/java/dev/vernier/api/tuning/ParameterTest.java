package dev.vernier.api.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterTest {

    @Test
    void logScaledIntegerRoundTripsThroughTheUnitInterval() {
        IntParameter batch = Parameter.integer("maxBatchSize", 1, 4096, 1).logScaled();
        assertEquals(0.0, batch.toUnit(1), 1e-12);
        assertEquals(1.0, batch.toUnit(4096), 1e-12);
        assertEquals(0.5, batch.toUnit(64), 1e-12);
        assertEquals(64, batch.fromUnit(0.5));
        assertEquals(4096, batch.fromUnit(7));
        assertEquals(1, batch.fromUnit(-2));
    }

    @Test
    void outOfBoundsValuesNameTheParameterAndValue() {
        IntParameter batch = Parameter.integer("maxBatchSize", 1, 4096, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.validate(5000));
        assertEquals("parameter maxBatchSize must be in [1, 4096], but was 5000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> batch.validate(1.5));
        assertThrows(IllegalArgumentException.class, () -> Parameter.bool("pipelining", false).validate("yes"));
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> Parameter.choice("codec", List.of("a", "b"), "a").validate("z"));
        assertEquals("parameter codec must be one of [a, b], but was z", c.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> Parameter.integer("x", 1, 10, 11));
        assertEquals("parameter x: default must be in [1, 10], but was 11", d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parameter.integer("x", 0, 10, 1).logScaled());
    }

    @Test
    void spaceValidatesConfigurationsAndMapsDefaults() {
        ParameterSpace space = ParameterSpace.of(Parameter.integer("batch", 1, 64, 1),
                Parameter.bool("pipelining", false), Parameter.real("timeout", 0.5, 2.0, 1.0));
        Configuration defaults = space.defaults();
        assertEquals(Map.of("batch", 1, "pipelining", false, "timeout", 1.0), defaults.values());
        Configuration c = space.validate(new Configuration(Map.of("batch", 8L)));
        assertEquals(8, c.getInt("batch"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> space.validate(Configuration.of("nope", 1)));
        assertTrue(e.getMessage().contains("unknown parameter 'nope'"), e.getMessage());
        double[] unit = space.toUnit(Configuration.of("pipelining", true));
        assertEquals(3, unit.length);
        assertEquals(1.0, unit[1]);
        Configuration back = space.fromUnit(unit);
        assertTrue(back.getBoolean("pipelining"));
        assertEquals(1, back.getInt("batch"));
        assertThrows(IllegalArgumentException.class, () -> ParameterSpace.of(Parameter.bool("a", true),
                Parameter.bool("a", false)));
    }

    @Test
    void objectiveReportsBrokenConstraints() {
        Objective o = Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 50)
                .atMost(Metric.ERROR_RATE, 0.01);
        assertTrue(o.violations(Map.of(Metric.P99_LATENCY_MS, 40.0, Metric.ERROR_RATE, 0.0)).isEmpty());
        assertEquals(1, o.violations(Map.of(Metric.P99_LATENCY_MS, 60.0, Metric.ERROR_RATE, 0.0)).size());
        assertEquals(1, o.violations(Map.of(Metric.P99_LATENCY_MS, 10.0)).size(), "missing metric breaks it");
        assertFalse(o.constraints().get(0).isSatisfiedBy(50.1));
    }

    @org.junit.jupiter.api.Test
    void integerParameterOverTheFullIntRangeMapsBothWays() {
        IntParameter full = Parameter.integer("full", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, full.toUnit(Integer.MIN_VALUE));
        org.junit.jupiter.api.Assertions.assertEquals(1.0, full.toUnit(Integer.MAX_VALUE));
        org.junit.jupiter.api.Assertions.assertEquals(0.5, full.toUnit(0), 1e-9);
        for (int v : new int[] {Integer.MIN_VALUE, -1_000_000_007, -1, 0, 1, 123_456_789, Integer.MAX_VALUE}) {
            org.junit.jupiter.api.Assertions.assertEquals(v, full.fromUnit(full.toUnit(v)), "round trip of " + v);
        }
        org.junit.jupiter.api.Assertions.assertEquals(Integer.MIN_VALUE, full.fromUnit(0));
        org.junit.jupiter.api.Assertions.assertEquals(Integer.MAX_VALUE, full.fromUnit(1));
    }

    @org.junit.jupiter.api.Test
    void doubleParameterWhoseRangeOverflowsIsRejected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Parameter.real("wide", -Double.MAX_VALUE, Double.MAX_VALUE, 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("parameter wide: max - min must be finite"),
                e.getMessage());
    }
}
