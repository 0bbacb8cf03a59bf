package dev.vernier.cli.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.core.result.Environment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judgement of the machine's facts, on facts made up for each rule. */
class MachineCheckTest {

    private static final long GIB = 1L << 30;
    private static final BenchmarkConfig.EnvironmentCheck LIMITS = BenchmarkConfig.EnvironmentCheck.defaults();

    private static MachineCheck.Facts facts(double load, long available, List<String> governors,
                                            List<MachineCheck.BusyProcess> busy) {
        Environment env = new Environment("Vendor", "17.0.9", "VM", List.of(), "Linux", "amd64", "CPU", 4, 4, 16 * GIB,
                4 * GIB, load, "test", null);
        return new MachineCheck.Facts(env, new double[] {load, load, load}, available, 2, 3_000_000_000L,
                new long[] {2_000_000_000L}, governors, busy, 1.0);
    }

    @Test
    void aQuietMachineRaisesNothing() {
        assertEquals(List.of(), MachineCheck.judge(facts(0.5, 8 * GIB, List.of("performance"), List.of()), LIMITS, true));
    }

    @Test
    void aLoadAverageAboveTheProcessorsIsAWarning() {
        List<MachineCheck.Finding> f = MachineCheck.judge(facts(5.2, 8 * GIB, List.of(), List.of()), LIMITS, false);
        assertEquals(1, f.size());
        assertEquals(MachineCheck.Level.WARNING, f.get(0).level());
        assertEquals("the load average is 5.20, above 4.00 (1 per processor for 4 processors): other work competes with"
                + " the system under test", f.get(0).message());
    }

    @Test
    void littleFreeMemoryAndBusyProcessesAreWarningsAndScalingGovernorsNotes() {
        List<MachineCheck.Finding> f = MachineCheck.judge(facts(0.1, 100L << 20, List.of("powersave"),
                List.of(new MachineCheck.BusyProcess(42, "javac", 87.5))), LIMITS, true);
        List<String> text = f.stream().map(MachineCheck.Finding::toString).toList();
        assertEquals("warning: only 100 MiB of memory is available (limit 512 MiB): the system under test may swap and"
                + " GC may thrash", text.get(0));
        assertEquals("warning: process javac (pid 42) used 88% of a core during the 1.0 s sample (limit 25%)", text.get(1));
        assertTrue(text.contains("note: the JVM may grow its heap to 4096 MiB but only 100 MiB is available; set -Xmx"
                + " below it"), text.toString());
        assertTrue(text.stream().anyMatch(t -> t.startsWith("note: CPU frequency scaling governor [powersave]")));
        assertTrue(text.stream().anyMatch(t -> t.startsWith("note: the run reports p99.9 or beyond")));
        assertEquals(2, MachineCheck.judge(facts(0.1, 100L << 20, List.of("powersave"),
                List.of(new MachineCheck.BusyProcess(42, "javac", 87.5))), LIMITS, true).stream()
                .filter(x -> x.level() == MachineCheck.Level.WARNING).count());
    }

    @Test
    void theFactsAreDescribedForEnvironmentJsonWithTheFindings() {
        MachineCheck.Facts facts = facts(5.2, 8 * GIB, List.of(), List.of());
        MachineCheck.Report r = new MachineCheck.Report(facts, MachineCheck.judge(facts, LIMITS, false));
        var d = r.describe();
        assertEquals("4 logical, 2 physical, 4 available to the JVM", d.get("cores"));
        assertEquals("max 3.00 GHz, now 2.00-2.00 GHz", d.get("cpuFrequency"));
        assertEquals("not readable on this platform", d.get("cpuGovernor"));
        assertTrue(d.get("warning.1").startsWith("the load average is 5.20"));
    }
}
