package dev.vernier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ScenarioValidationTest {

    interface Call {
        void run();
    }

    static Stream<Arguments> invalidValues() {
        Scenario.Builder b = Scenario.builder("s");
        return Stream.of(
                Arguments.of((Call) () -> b.duration(Duration.ZERO), "duration must be positive, but was PT0S"),
                Arguments.of((Call) () -> b.duration(Duration.ofSeconds(-1)), "duration must be positive, but was PT-1S"),
                Arguments.of((Call) () -> b.warmup(Duration.ofMillis(-5)), "warmup must not be negative, but was PT-0.005S"),
                Arguments.of((Call) () -> b.timeout(Duration.ZERO), "timeout must be positive, but was PT0S"),
                Arguments.of((Call) () -> b.iterations(0), "iterations must be between 1 and 1000, but was 0"),
                Arguments.of((Call) () -> b.maxInFlight(0), "maxInFlight must be between 1 and 10000000, but was 0"),
                Arguments.of((Call) () -> b.percentiles(50, 100), "percentile must be in (0, 100), but was 100.0"),
                Arguments.of((Call) () -> b.percentiles(0), "percentile must be in (0, 100), but was 0.0"),
                Arguments.of((Call) () -> b.percentiles(), "percentiles must not be empty, but was []"),
                Arguments.of((Call) () -> b.phases(), "phases must name at least one phase, but was []"),
                Arguments.of((Call) () -> b.snapshotInterval(Duration.ofMillis(1)),
                        "snapshotInterval must be between 10 ms and 60 s, but was PT0.001S"),
                Arguments.of((Call) () -> b.latencySamples(-1), "latencySamples must not be negative, but was -1"),
                Arguments.of((Call) () -> b.maxLateShare(1.5), "maxLateShare must be between 0.0 and 1.0, but was 1.5"),
                Arguments.of((Call) () -> b.load(null), "load must not be null"),
                Arguments.of((Call) () -> LoadModel.constantRate(0), "load.opsPerSecond must be between 0.001 and 1.0E9 ops/s, but was 0.0"),
                Arguments.of((Call) () -> LoadModel.constantRate(-3), "load.opsPerSecond must be between 0.001 and 1.0E9 ops/s, but was -3.0"),
                Arguments.of((Call) () -> LoadModel.linearRamp(10, 0), "load.toOpsPerSecond must be between 0.001 and 1.0E9 ops/s, but was 0.0"),
                Arguments.of((Call) () -> LoadModel.stepSearch(0, 5), "load.initialOpsPerSecond must be between 0.001 and 1.0E9 ops/s, but was 0.0"),
                Arguments.of((Call) () -> LoadModel.stepSearch(10, -5), "load.incrementOpsPerSecond must be between 0.001 and 1.0E9 ops/s, but was -5.0"),
                Arguments.of((Call) () -> LoadModel.closed(0), "load.clients must be between 1 and 4096, but was 0"),
                Arguments.of((Call) () -> LoadModel.closed(2, Duration.ofMillis(-1)), "load.thinkTime must not be negative, but was PT-0.001S"),
                Arguments.of((Call) () -> TransactionMix.builder().build(), "mix must have at least one transaction type, but was empty"),
                Arguments.of((Call) () -> TransactionMix.builder().add("put", 0, 10), "txType[put].weight must be positive and finite, but was 0.0"),
                Arguments.of((Call) () -> TransactionMix.builder().add("put", 1, -1), "txType[put].payloadBytes must not be negative, but was -1"),
                Arguments.of((Call) () -> TransactionMix.builder().add("a", 1, 1).add("a", 1, 1).build(), "mix type names must be unique, but 'a' repeats"),
                Arguments.of((Call) () -> Scenario.builder(" "), "name must not be blank, but was ' '"),
                Arguments.of((Call) () -> Scenario.builder(null), "name must not be null"),
                // inputs that used to overflow downstream (issue 11, item 7)
                Arguments.of((Call) () -> LoadModel.constantRate(1e-11),
                        "load.opsPerSecond must be between 0.001 and 1.0E9 ops/s, but was 1.0E-11"),
                Arguments.of((Call) () -> LoadModel.constantRate(Double.NaN),
                        "load.opsPerSecond must be between 0.001 and 1.0E9 ops/s, but was NaN"),
                Arguments.of((Call) () -> LoadModel.constantRate(Double.POSITIVE_INFINITY),
                        "load.opsPerSecond must be between 0.001 and 1.0E9 ops/s, but was Infinity"),
                Arguments.of((Call) () -> LoadModel.stepSearch(10, 10).withMax(Double.POSITIVE_INFINITY),
                        "load.maxOpsPerSecond must be at least load.initialOpsPerSecond (10.0), but was Infinity"),
                Arguments.of((Call) () -> b.timeout(Duration.ofDays(365 * 200)),
                        "timeout must be at most PT8760H, but was PT1752000H"),
                Arguments.of((Call) () -> b.timeout(Duration.ofHours(2)), "timeout must be at most PT1H, but was PT2H"),
                Arguments.of((Call) () -> b.timeout(Duration.ofNanos(10)), "timeout must be at least 1 ms, but was PT0.00000001S"),
                Arguments.of((Call) () -> b.duration(Duration.ofSeconds(Long.MAX_VALUE)),
                        "duration must be at most PT8760H, but was PT2562047788015215H30M7S"),
                Arguments.of((Call) () -> b.duration(Duration.ofDays(31)), "duration must be at most PT720H, but was PT744H"),
                Arguments.of((Call) () -> b.warmup(Duration.ofSeconds(Long.MAX_VALUE)),
                        "warmup must be at most PT8760H, but was PT2562047788015215H30M7S"),
                Arguments.of((Call) () -> b.throughputInterval(Duration.ofSeconds(Long.MAX_VALUE)),
                        "throughputInterval must be at most PT8760H, but was PT2562047788015215H30M7S"),
                Arguments.of((Call) () -> b.lagThreshold(Duration.ofDays(1)), "lagThreshold must be at most PT1H, but was PT24H"),
                Arguments.of((Call) () -> LoadModel.closed(2, Duration.ofDays(1)), "load.thinkTime must be at most PT1H, but was PT24H"),
                Arguments.of((Call) () -> LoadModel.closed(2, null), "load.thinkTime must not be null"),
                Arguments.of((Call) () -> TransactionMix.builder().add("a", Double.MAX_VALUE, 1).add("b", Double.MAX_VALUE, 1)
                        .build(), "mix weights must add up to a finite number, but [a=1.7976931348623157E308,"
                        + " b=1.7976931348623157E308] add up to Infinity"),
                Arguments.of((Call) () -> TransactionMix.builder().add("a", 1, Integer.MAX_VALUE),
                        "txType[a].payloadBytes must be at most 67108864, but was 2147483647"),
                Arguments.of((Call) () -> TransactionMix.builder().add(null, 1, 1), "txType.name must not be null"),
                Arguments.of((Call) () -> FaultPlan.builder().crashLeaderAt(Duration.ofDays(400)),
                        "faultPlan.at must be at most PT8760H, but was PT9600H"),
                Arguments.of((Call) () -> FaultPlan.builder().crashLeaderAt(null), "faultPlan.at must not be null"),
                Arguments.of((Call) () -> Scenario.builder("s").duration(Duration.ofSeconds(1))
                        .load(LoadModel.constantRate(0.5)).build(), "load rate must send at least one transaction per"
                        + " duration (PT1S), but 0.5 ops/s sends one every PT2S"),
                Arguments.of((Call) () -> b.phases((Phase) null), "phases[] must not be null"),
                Arguments.of((Call) () -> b.mix(null), "mix must not be null"),
                Arguments.of((Call) () -> b.clusterSizes(0), "clusterSize must be between 1 and 1000, but was 0"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void invalidValueIsRejectedWithFieldAndValue(Call call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(message, e.getMessage());
    }

    @Test
    void conflictingSettingsAreCaughtAtBuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Scenario.builder("s")
                .duration(Duration.ofSeconds(1)).throughputInterval(Duration.ofSeconds(5)).build());
        assertTrue(e.getMessage().contains("throughputInterval (PT5S) must not exceed duration (PT1S)"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> Scenario.builder("s")
                .load(LoadModel.stepSearch(10, 10)).phases(Phase.LATENCY).build());
        assertTrue(s.getMessage().contains("stepSearch load needs the THROUGHPUT phase"), s.getMessage());
    }

    @Test
    void defaultThroughputIntervalFollowsAShortDuration() {
        Scenario shortRun = Scenario.builder("s").duration(Duration.ofSeconds(2)).build();
        assertEquals(Duration.ofMillis(400), shortRun.throughputInterval());
        assertEquals(Duration.ofSeconds(5), Scenario.builder("s").duration(Duration.ofMinutes(1)).build()
                .throughputInterval());
        assertEquals(Duration.ofMillis(10), Scenario.builder("s").duration(Duration.ofMillis(20)).build()
                .throughputInterval());
        // a copy with a new duration gets a new default, not the old scenario's interval
        assertEquals(Duration.ofSeconds(1), shortRun.toBuilder().duration(Duration.ofSeconds(5)).build()
                .throughputInterval());
        // an interval the user set is kept
        Scenario set = Scenario.builder("s").throughputInterval(Duration.ofMillis(300)).build();
        assertEquals(Duration.ofMillis(300), set.toBuilder().duration(Duration.ofSeconds(3)).build()
                .throughputInterval());
    }

    @Test
    void tooLongIntervalSaysWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Scenario.builder("s")
                .duration(Duration.ofSeconds(1)).throughputInterval(Duration.ofSeconds(2)).build());
        assertTrue(e.getMessage().contains("leave it unset"), e.getMessage());
    }

    @Test
    void scenarioIsImmutableAndCopiesItsInputs() {
        double[] p = {50, 99};
        Scenario s = Scenario.builder("s").percentiles(p).build();
        p[0] = 1;
        assertEquals(50, s.percentiles()[0]);
        s.percentiles()[0] = 7;
        assertEquals(50, s.percentiles()[0]);
        Scenario copy = s.toBuilder().iterations(3).build();
        assertEquals(1, s.iterations());
        assertEquals(3, copy.iterations());
        assertEquals(s.name(), copy.name());
    }

    @Test
    void mixPicksByWeight() {
        TransactionMix mix = TransactionMix.builder().add("a", 3, 0).add("b", 1, 0).build();
        assertEquals(0, mix.pick(0.0));
        assertEquals(0, mix.pick(0.74));
        assertEquals(1, mix.pick(0.76));
        assertEquals(1, mix.pick(0.999999));
    }
}
