package dev.vernier.core.internal.engine;

import dev.vernier.api.NanoClock;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.core.event.IntervalSnapshot;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a load run is given besides its {@link LoadPlan}: the system, the clock, where threads come
 * from, where its snapshots go, and what to do when measuring starts. Immutable.
 *
 * @param suite the system under test
 * @param clock the clock every timestamp and wait goes through
 * @param threads the factory of the run's threads (named by the run)
 * @param snapshots receives interval snapshots, on the ticker thread; must not block
 * @param onMeasuredStart run on the ticker when the measured window starts (after warm-up)
 * @param resourceFigures {process CPU %, heap bytes} for snapshots (NaN when absent), or null
 * @param control abort requests
 */
public record LoadContext(ProtocolSuite suite, NanoClock clock, ThreadFactory threads,
                          Consumer<IntervalSnapshot> snapshots, Runnable onMeasuredStart,
                          Supplier<double[]> resourceFigures, RunControl control) {

    /** @return a context with no snapshots, hooks or resource figures (tests, benchmarks) */
    public static LoadContext of(ProtocolSuite suite, NanoClock clock, ThreadFactory threads) {
        return new LoadContext(suite, clock, threads, s -> { }, () -> { }, () -> null, new RunControl(clock));
    }

    /** @return this context with another measured-start hook */
    public LoadContext onMeasuredStart(Runnable hook) {
        return new LoadContext(suite, clock, threads, snapshots, hook, resourceFigures, control);
    }

    /** Creates a daemon thread of the run with {@code name}. */
    Thread newThread(Runnable r, String name) {
        Thread t = threads.newThread(r);
        t.setName(name);
        t.setDaemon(true);
        return t;
    }
}
