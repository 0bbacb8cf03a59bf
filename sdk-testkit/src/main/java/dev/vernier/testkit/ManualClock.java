package dev.vernier.testkit;

import dev.vernier.api.NanoClock;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told. Thread-safe. */
public final class ManualClock implements NanoClock {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    public void set(long nanos) {
        now.set(nanos);
    }

    public void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
