package dev.vernier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Scenario;
import dev.vernier.core.Vernier;
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
    }

    @Test
    void encodedHistogramReproducesThePercentiles() throws Exception {
        byte[] bytes = Base64.getDecoder().decode(result.latency().encodedHistogram());
        Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        assertEquals(result.latency().overall().count(), h.getTotalCount());
        assertEquals(result.latency().overall().percentile(99), h.getValueAtPercentile(99) / 1e6, 1e-9);
    }

    @Test
    void newerSchemaIsRefusedWithTheVersion() {
        JsonReport json = new JsonReport();
        String text = json.write(result).replace("\"schemaVersion\" : " + ScenarioResult.SCHEMA_VERSION,
                "\"schemaVersion\" : 99");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> json.read(text));
        assertTrue(e.getMessage().contains("but was 99"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> json.read("{not json"));
    }

    @Test
    void markdownHasThroughputLatencyAndStageSections() {
        String md = new MarkdownReport().render(result);
        assertTrue(md.startsWith("## instant / report"), md);
        assertTrue(md.contains("### Throughput"), md);
        assertTrue(md.contains("### Latency"), md);
        assertTrue(md.contains("| queue |"), md);
        assertTrue(md.contains("p99.9"), md);
        assertTrue(md.contains("Load: "), md);
    }
}
