package dev.vernier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Scenario;
import dev.vernier.core.Vernier;
import dev.vernier.core.resources.EnvironmentProbe;
import dev.vernier.core.result.Environment;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.Suites;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportsTest {

    private static ScenarioResult result;

    @BeforeAll
    static void runOnce() {
        Scenario s = Scenario.builder("report").warmup(Duration.ZERO).duration(Duration.ofMillis(600))
                .throughputInterval(Duration.ofMillis(200)).load(LoadModel.constantRate(1_000)).build();
        try (Vernier v = Vernier.builder().register(Suites.instant()).build()) {
            result = v.run("instant", s);
        }
    }

    @Test
    void jsonRoundTripsEveryFigure() {
        JsonReport json = new JsonReport();
        String text = json.write(result);
        assertTrue(text.contains("\"schemaVersion\" : " + ScenarioResult.SCHEMA_VERSION), text.substring(0, 200));
        ScenarioResult back = json.read(text);
        assertEquals(result.suite(), back.suite());
        assertEquals(result.scenario(), back.scenario(), "the scenario that produced the result, every setting");
        assertEquals(result.throughput().intervals(), back.throughput().intervals());
        assertEquals(result.latency().overall().count(), back.latency().overall().count());
        assertEquals(result.latency().overall().percentile(99), back.latency().overall().percentile(99));
        assertEquals(result.latency().outcomes(), back.latency().outcomes());
        assertEquals(json.write(result), json.write(back), "stable form");
        assertEquals(result.environment(), back.environment());
    }

    @Test
    void everyResultRecordsWhereItWasMeasured() {
        Environment e = result.environment();
        assertNotNull(e, "Vernier.run records the environment");
        assertEquals(System.getProperty("java.vendor"), e.jdkVendor());
        assertEquals(Runtime.getRuntime().availableProcessors(), e.availableProcessors());
        assertTrue(e.logicalCores() >= 1, e.toString());
        assertTrue(e.memoryBytes() > 0, e.toString());
        assertFalse(e.cpuModel().isBlank(), e.toString());
        assertTrue(e.vernierVersion().matches("\\d+\\.\\d+.*"), "from the filtered properties: " + e.vernierVersion());
        assertEquals(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(), e.jvmArguments());
        assertEquals("commit-abc", EnvironmentProbe.capture("commit-abc").label());
    }

    /**
     * Results of schema version 1 lack the scenario's settings; they are refused as written by an older
     * Vernier (a store leaves them in place), never half-read.
     */
    @Test
    void aResultOfSchemaVersionOneIsRefusedAsOlder() throws Exception {
        String v1;
        try (var in = ReportsTest.class.getResourceAsStream("result-schema-1.json")) {
            v1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        OlderSchemaException e = assertThrows(OlderSchemaException.class, () -> new JsonReport().read(v1));
        assertEquals(1, e.schemaVersion());
        assertTrue(e.getMessage().startsWith("written by an older Vernier"), e.getMessage());
    }

    @Test
    void encodedHistogramReproducesThePercentiles() throws Exception {
        byte[] bytes = Base64.getDecoder().decode(result.latency().encodedHistogram());
        Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        assertEquals(result.latency().overall().count(), h.getTotalCount());
        assertEquals(result.latency().overall().percentile(99), h.getValueAtPercentile(99) / 1e6, 1e-9);
    }

    @Test
    void newerSchemaIsRefusedAsWrittenByANewerVernierBeforeItsStructureIsRead() {
        JsonReport json = new JsonReport();
        String text = json.write(result).replace("\"schemaVersion\" : " + ScenarioResult.SCHEMA_VERSION,
                "\"schemaVersion\" : 99").replace("\"suite\" : \"instant\"", "\"suite\" : { \"restructured\" : true }");
        NewerSchemaException e = assertThrows(NewerSchemaException.class, () -> json.read(text));
        assertTrue(e.getMessage().startsWith("written by a newer Vernier"), e.getMessage());
        assertTrue(e.getMessage().contains("but was 99"), e.getMessage());
        assertEquals(99, e.schemaVersion());
        assertThrows(IllegalArgumentException.class, () -> json.read("{not json"));
    }

    /** The issue: `null` or a result missing a field got past the reader. */
    @Test
    void invalidDocumentsAreRefusedWithThePathAndTheReason() {
        JsonReport json = new JsonReport();
        String text = json.write(result);
        assertMessage(json, "null", "a result must be a JSON object, but was null");
        assertMessage(json, "", "a result must be a JSON object, but was empty");
        assertMessage(json, "[]", "but was array");
        assertMessage(json, "{}", "schemaVersion must be an integer, but was missing");
        assertMessage(json, text.replace("\"schemaVersion\" : " + ScenarioResult.SCHEMA_VERSION, "\"schemaVersion\" : \"2\""),
                "schemaVersion must be an integer");
        assertMessage(json, text.replaceFirst("\"suite\" : \"instant\",", ""), "suite must not be null");
        assertMessage(json, text.replaceFirst("\"warnings\" : \\[[^\\]]*\\]", "\"warnings\" : null"),
                "warnings must not be null");
        assertMessage(json, text.replaceFirst("\"iterations\" : \\[", "\"iterations\" : 7, \"was\" : ["),
                "throughput.iterations: Cannot deserialize");
        assertMessage(json, text.replaceFirst("\"committed\" : \\d+", "\"committed\" : -5"),
                "throughput.intervals[0].outcomes.committed must be at least 0, but was -5");
        assertMessage(json, text.replaceFirst("\"achievedOpsPerSecond\" : [0-9.E]+", "\"achievedOpsPerSecond\" : \"NaN\""),
                "throughput.intervals[0].achievedOpsPerSecond must be a finite number >= 0, but was NaN");
        assertMessage(json, text.replaceFirst("\"overall\" : \\{", "\"overall\" : null, \"x\" : {"),
                "latency.overall must not be null");
    }

    private static void assertMessage(JsonReport json, String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> json.read(text));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void markdownHasThroughputLatencyAndStageSections() {
        String md = new MarkdownReport().render(result);
        assertTrue(md.startsWith("## instant / report"), md);
        assertTrue(md.contains("Measured with Vernier " + result.environment().vernierVersion() + " on "), md);
        assertTrue(md.contains("### Throughput"), md);
        assertTrue(md.contains("### Latency"), md);
        assertTrue(md.contains("| queue |"), md);
        assertTrue(md.contains("p99.9"), md);
        assertTrue(md.contains("Load: "), md);
    }
}
