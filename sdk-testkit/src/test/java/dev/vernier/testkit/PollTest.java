package dev.vernier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void aStateAlreadyReachedIsReturnedAfterOneProbe() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();
        assertEquals(7, Poll.until(() -> probes.incrementAndGet() * 7, v -> v == 7, Duration.ofSeconds(10)));
        assertEquals(1, probes.get());
    }

    @Test
    void probingStopsAtTheFirstStateThatSatisfiesTheCondition() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();
        assertEquals(3, Poll.until(probes::incrementAndGet, v -> v >= 3, Duration.ofSeconds(10)));
        assertEquals(3, probes.get());
    }

    @Test
    void pastTheTimeoutTheLastStateIsReturnedForTheCallerToAssertOn() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();
        assertEquals(1, Poll.until(probes::incrementAndGet, v -> false, Duration.ZERO));
        assertFalse(Poll.until(() -> false, Duration.ZERO));
        assertTrue(Poll.until(() -> true, Duration.ZERO));
    }
}
