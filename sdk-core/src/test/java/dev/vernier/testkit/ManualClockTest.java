package dev.vernier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The manual clock's waiting side: what engine tests on virtual time rely on. */
class ManualClockTest {

    private static final long MS = 1_000_000L;

    @Test
    void scheduledActionsRunInTimeOrderAtTheirTime() {
        ManualClock clock = new ManualClock(100);
        List<String> log = new ArrayList<>();
        clock.schedule(100 + 5 * MS, () -> log.add("b@" + clock.nanoTime()));
        clock.schedule(100 + 2 * MS, () -> log.add("a@" + clock.nanoTime()));
        clock.schedule(100 + 5 * MS, () -> log.add("c@" + clock.nanoTime()));
        clock.advance(4 * MS);
        assertEquals(List.of("a@" + (100 + 2 * MS)), log);
        clock.advance(10 * MS);
        assertEquals(List.of("a@" + (100 + 2 * MS), "b@" + (100 + 5 * MS), "c@" + (100 + 5 * MS)), log);
        assertEquals(100 + 14 * MS, clock.nanoTime());
        clock.schedule(0, () -> log.add("now"));
        assertEquals("now", log.get(log.size() - 1), "an action already due runs at once");
    }

    @Test
    void theClockNeverGoesBackwards() {
        ManualClock clock = new ManualClock(10);
        assertThrows(IllegalArgumentException.class, () -> clock.set(5));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
    }

    @Test
    void aParkedThreadWakesWhenTheClockReachesItsDeadline() throws InterruptedException {
        ManualClock clock = new ManualClock();
        AtomicLong wokeAt = new AtomicLong(-1);
        Thread t = clock.threadFactory().newThread(() -> {
            while (clock.nanoTime() < 50 * MS) {
                clock.parkUntil(50 * MS);
            }
            wokeAt.set(clock.nanoTime());
        });
        t.start();
        clock.runAdvancing(() -> {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertFalse(t.isAlive());
        assertEquals(50 * MS, wokeAt.get(), "the driver jumps exactly to the deadline");
    }

    @Test
    void sleepUntilWaitsInVirtualTimeAndUnparkEndsAWaitEarly() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Thread sleeper = clock.threadFactory().newThread(() -> {
            try {
                clock.sleepUntil(3_600_000 * MS); // an hour of virtual time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long wall = System.nanoTime();
        sleeper.start();
        clock.runAdvancing(() -> {
            try {
                sleeper.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertFalse(sleeper.isAlive());
        assertTrue(System.nanoTime() - wall < 10_000 * MS, "an hour of virtual time passes at once");
        assertEquals(3_600_000 * MS, clock.nanoTime());

        boolean[] woke = new boolean[1];
        Thread waiter = clock.threadFactory().newThread(() -> {
            clock.parkUntil(Long.MAX_VALUE); // until unparked
            woke[0] = true;
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        clock.unpark(waiter);
        waiter.join(10_000);
        assertTrue(woke[0]);
    }
}
