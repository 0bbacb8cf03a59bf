package dev.vernier.api.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Roles on parameters and operating-point limits on objectives. */
class ParameterRoleTest {

    @Test
    void aParameterWithoutADeclaredRoleIsOther() {
        assertEquals(ParameterRole.OTHER, Parameter.integer("maxEntriesSize", 1, 4096, 1).role());
        assertEquals(ParameterRole.OTHER, Parameter.real("share", 0.1, 1, 0.5).role());
        assertEquals(ParameterRole.OTHER, Parameter.bool("pipelining", false).role());
        assertEquals(ParameterRole.OTHER, Parameter.choice("codec", List.of("a", "b"), "a").role());
    }

    @Test
    void roleSurvivesEveryCopyMethod() {
        IntParameter p = Parameter.integer("maxEntriesSize", 1, 4096, 1).withRole(ParameterRole.BATCH_SIZE)
                .logScaled().restartRequired().describedAs("entries per append");
        assertEquals(ParameterRole.BATCH_SIZE, p.role());
        assertTrue(p.logScale() && p.requiresRestart());
        DoubleParameter d = Parameter.real("timeoutS", 0.1, 10, 1).withRole(ParameterRole.TIMEOUT).logScaled()
                .restartRequired().describedAs("request timeout");
        assertEquals(ParameterRole.TIMEOUT, d.role());
        BooleanParameter b = Parameter.bool("pipelining", false).withRole(ParameterRole.PIPELINE_WINDOW)
                .restartRequired().describedAs("pipelining");
        assertEquals(ParameterRole.PIPELINE_WINDOW, b.role());
        assertEquals(ParameterRole.BUFFER,
                Parameter.choice("queue", List.of("s", "l"), "s").withRole(ParameterRole.BUFFER).role());
    }

    @Test
    void nullRoleIsRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parameter.integer("x", 1, 2, 1).withRole(null));
        assertTrue(e.getMessage().contains("role"), e.getMessage());
    }

    @Test
    void operatingLimitBoundsTheWorseningAgainstTheStart() {
        Objective o = Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 300)
                .notWorseAtOperatingPoint(Metric.P99_LATENCY_MS, 0.10);
        assertEquals(1, o.constraints().size());
        Objective.OperatingLimit limit = o.operatingLimits().get(0);
        assertEquals(11.0, limit.bound(10.0), 1e-12);
        assertTrue(limit.isSatisfiedBy(10.0, 10.9));
        assertFalse(limit.isSatisfiedBy(10.0, 11.1));
        Objective.OperatingLimit tput = new Objective.OperatingLimit(Metric.THROUGHPUT, 0.05);
        assertTrue(tput.isSatisfiedBy(1000, 960));
        assertFalse(tput.isSatisfiedBy(1000, 940));
        assertEquals(List.of(), Objective.maximize(Metric.THROUGHPUT).operatingLimits());
        assertEquals(o.operatingLimits(), o.atMost(Metric.ERROR_RATE, 0.01).operatingLimits(),
                "adding a constraint keeps the operating-point limits");
    }

    @Test
    void operatingLimitRejectsAWorseningOutsideItsRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Objective.maximize(Metric.THROUGHPUT).notWorseAtOperatingPoint(Metric.P99_LATENCY_MS, -0.1));
        assertEquals("operatingLimit.maxWorsening must be in [0, 10], but was -0.1", e.getMessage());
    }
}
