package dev.vernier.core.alert;

import dev.vernier.api.NanoClock;
import dev.vernier.api.internal.Check;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.AlertResolved;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.recording.Recording;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates {@link AlertRule}s on a stream of interval figures and raises {@link AlertFired} and
 * {@link AlertResolved} events to its listeners. No server is needed: register the engine as a
 * {@link RunListener} of a run (it evaluates every {@link IntervalSnapshot}), or call
 * {@link #evaluate(String, Recording)} with windows of a node's own traffic.
 *
 * <pre>{@code
 * AlertEngine alerts = AlertEngine.builder()                  // the five default rules
 *         .listener(event -> log.warn("{}", ((AlertEvent) event).describe()))
 *         .abortAction(reason -> vernier.abort(reason))
 *         .build();
 * Vernier vernier = Vernier.builder().register(suite).listener(alerts).build();
 * }</pre>
 *
 * <p><b>Semantics</b> (those of Prometheus' {@code for}, on intervals): at each evaluation the engine
 * reads its clock; a rule whose condition holds becomes <i>pending</i> from the start of the interval
 * the figures cover (the evaluation's time minus {@link AlertSample#intervalSeconds()}), and
 * <i>fires</i> at the first evaluation at which it has held, at every evaluation since, for at least
 * its {@code forDuration}, measured as the longer of the clock time since that start and the summed
 * length of the breaching intervals (so that a microsecond of delivery jitter cannot hold a firing
 * back): ten consecutive breaching one-second snapshots fire a 10-second rule, at the tenth. A firing rule fires once and stays active until an evaluation at which the condition no
 * longer holds, which <i>resolves</i> it. A missing figure (NaN: nothing committed in the
 * interval, no resource sample) does not breach: it resets a pending rule and resolves a firing one.
 * One engine watches one stream of figures; give each independent source its own engine.
 *
 * <p><b>Abort.</b> When a rule marked {@link AlertRule#abortOnFail()} fires, the engine calls its
 * abort action with a reason, once: not again while any abort-on-fail alert is still active.
 *
 * <p>Thread-safe: evaluations are serialised, and listeners are called on the evaluating thread, in
 * order, while the engine's lock is held; a listener must return quickly (deliver webhooks
 * asynchronously, as {@link AlertWebhooks} does) and must not evaluate the engine again from another
 * thread. What a listener or the abort action throws is logged and ignored. The engine holds no
 * thread.
 */
public final class AlertEngine implements RunListener {

    /** Default number of alert events kept in the history. */
    public static final int DEFAULT_HISTORY = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    private static final long NOT_PENDING = Long.MIN_VALUE;

    private final List<AlertRule> rules;
    private final NanoClock clock;
    private final Clock wallClock;
    private final List<RunListener> listeners;
    private final Consumer<String> abortAction;
    private final int historySize;
    private final double heapMaxBytes;

    /** Guarded by {@code this}. */
    private final long[] pendingSince;
    /** Summed length of the consecutive breaching intervals, ns. */
    private final long[] covered;
    private final AlertFired[] firing;
    private final double[] lastValue;
    private final ArrayDeque<AlertEvent> history = new ArrayDeque<>();
    private long nextId = 1;
    private long evaluations;
    private long aborts;

    private AlertEngine(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.clock = b.clock;
        this.wallClock = b.wallClock;
        this.listeners = List.copyOf(b.listeners);
        this.abortAction = b.abortAction;
        this.historySize = b.historySize;
        this.heapMaxBytes = b.heapMaxBytes;
        this.pendingSince = new long[rules.size()];
        this.covered = new long[rules.size()];
        this.firing = new AlertFired[rules.size()];
        this.lastValue = new double[rules.size()];
        java.util.Arrays.fill(pendingSince, NOT_PENDING);
        java.util.Arrays.fill(lastValue, Double.NaN);
    }

    /** @return a builder with the {@link AlertRule#defaults() default rules} and the system clocks */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the rules, in evaluation order */
    public List<AlertRule> rules() {
        return rules;
    }

    /**
     * Evaluates every {@link IntervalSnapshot} (warm-up included); other events are ignored.
     *
     * @param event an event of a run
     */
    @Override
    public void onEvent(VernierEvent event) {
        if (event instanceof IntervalSnapshot s) {
            evaluate(AlertSample.of(s, heapMaxBytes));
        }
    }

    /**
     * Evaluates a window of a node's own traffic.
     *
     * @param source the name alerts are reported under, e.g. the node's name
     * @param window {@code later.since(earlier)} of one {@link dev.vernier.core.recording.OperationRecorder}
     * @return the events raised, in order (also delivered to the listeners)
     */
    public List<AlertEvent> evaluate(String source, Recording window) {
        return evaluate(AlertSample.of(source, window));
    }

    /**
     * Evaluates every rule on the figures of one interval, at the engine clock's current time.
     *
     * @param sample the figures
     * @return the events raised, in rule order, resolutions before firings of the same evaluation
     *     never mixed up (also delivered to the listeners)
     * @throws IllegalArgumentException when the sample is null
     */
    public synchronized List<AlertEvent> evaluate(AlertSample sample) {
        Check.notNull("sample", sample);
        long now = clock.nanoTime();
        evaluations++;
        List<AlertEvent> raised = new ArrayList<>(0);
        String abortReason = null;
        for (int i = 0; i < rules.size(); i++) {
            AlertRule rule = rules.get(i);
            double value = rule.metric().valueIn(sample);
            lastValue[i] = value;
            if (rule.breachedBy(value)) {
                if (firing[i] != null) {
                    continue;
                }
                long interval = Math.round(sample.intervalSeconds() * 1e9);
                if (pendingSince[i] == NOT_PENDING) {
                    pendingSince[i] = now - interval;
                    covered[i] = interval;
                } else {
                    covered[i] += interval;
                }
                long held = Math.max(now - pendingSince[i], covered[i]);
                if (held >= rule.forDuration().toNanos()) {
                    AlertFired fired = new AlertFired(sample.source(), nextId++, rule, value, now - held, now,
                            wallClock.millis());
                    if (rule.abortOnFail() && abortReason == null && !abortActive()) {
                        abortReason = "alert '" + rule.name() + "' fired: " + rule.metric().label() + " "
                                + rule.metric().format(value) + " (rule: " + rule.condition() + ")";
                    }
                    firing[i] = fired;
                    raised.add(fired);
                }
            } else {
                pendingSince[i] = NOT_PENDING;
                AlertFired active = firing[i];
                if (active != null) {
                    firing[i] = null;
                    raised.add(new AlertResolved(sample.source(), active.alertId(), rule, value, active.atNanos(), now,
                            wallClock.millis()));
                }
            }
        }
        for (AlertEvent e : raised) {
            record(e);
            deliver(e);
        }
        if (abortReason != null) {
            abort(abortReason);
        }
        return raised;
    }

    /** An abort-on-fail alert other than those fired in the current evaluation is active. */
    private boolean abortActive() {
        for (AlertFired f : firing) {
            if (f != null && f.rule().abortOnFail()) {
                return true;
            }
        }
        return false;
    }

    private void abort(String reason) {
        aborts++;
        LOG.warn("aborting: {}", reason);
        if (abortAction == null) {
            return;
        }
        try {
            abortAction.accept(reason);
        } catch (RuntimeException e) {
            LOG.warn("abort action failed for: {}", reason, e);
        }
    }

    private void record(AlertEvent e) {
        if (history.size() >= historySize) {
            history.removeFirst();
        }
        history.addLast(e);
        if (e instanceof AlertFired && e.rule().severity() == AlertSeverity.CRITICAL) {
            LOG.warn("{}", e.describe());
        } else {
            LOG.info("{}", e.describe());
        }
    }

    private void deliver(AlertEvent e) {
        for (RunListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("alert listener {} failed on {}", l, e.getClass().getSimpleName(), ex);
            }
        }
    }

    /** @return the alerts active now, in the order they fired */
    public synchronized List<AlertFired> active() {
        List<AlertFired> out = new ArrayList<>();
        for (AlertFired f : firing) {
            if (f != null) {
                out.add(f);
            }
        }
        out.sort(java.util.Comparator.comparingLong(AlertFired::alertId));
        return out;
    }

    /** @return the most recent alert events (at most the history size), oldest first */
    public synchronized List<AlertEvent> history() {
        return List.copyOf(history);
    }

    /** @return each rule's state now, in rule order */
    public synchronized List<RuleState> states() {
        long now = clock.nanoTime();
        List<RuleState> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            RuleState.Status status = firing[i] != null ? RuleState.Status.FIRING
                    : pendingSince[i] != NOT_PENDING ? RuleState.Status.PENDING : RuleState.Status.OK;
            double pendingSeconds = pendingSince[i] == NOT_PENDING ? 0 : (now - pendingSince[i]) / 1e9;
            out.add(new RuleState(rules.get(i), status, lastValue[i], pendingSeconds,
                    firing[i] == null ? 0 : firing[i].alertId()));
        }
        return out;
    }

    /** @return how many times {@link #evaluate(AlertSample)} ran */
    public synchronized long evaluations() {
        return evaluations;
    }

    /** @return how many times an abort-on-fail alert called (or would have called) the abort action */
    public synchronized long aborts() {
        return aborts;
    }

    /**
     * One rule's state at an instant. Immutable and thread-safe.
     *
     * @param rule the rule
     * @param status OK, pending (breaching, not yet for long enough) or firing
     * @param lastValue the metric's value at the latest evaluation, in its unit (NaN: no data or none yet)
     * @param pendingSeconds how long the condition has held, seconds (0 when OK)
     * @param alertId the number of the active alert, or 0
     */
    public record RuleState(AlertRule rule, Status status, double lastValue, double pendingSeconds, long alertId) {

        /** Where a rule stands. */
        public enum Status {
            /** The condition does not hold. */
            OK,
            /** The condition holds, not yet for the rule's duration. */
            PENDING,
            /** The alert is active. */
            FIRING
        }
    }

    /** Settings of an engine; each checked when given. Not thread-safe. */
    public static final class Builder {
        private List<AlertRule> rules = AlertRule.defaults();
        private NanoClock clock = NanoClock.system();
        private Clock wallClock = Clock.systemUTC();
        private final List<RunListener> listeners = new ArrayList<>();
        private Consumer<String> abortAction;
        private int historySize = DEFAULT_HISTORY;
        private double heapMaxBytes = Runtime.getRuntime().maxMemory() == Long.MAX_VALUE ? Double.NaN
                : Runtime.getRuntime().maxMemory();

        private Builder() {
        }

        /**
         * @param rules the rules, replacing the defaults; names must be unique; may be empty
         * @return this builder
         * @throws IllegalArgumentException for a null list or element, or a name used twice
         */
        public Builder rules(List<AlertRule> rules) {
            Check.notNull("rules", rules);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < rules.size(); i++) {
                AlertRule r = Check.notNull("rules[" + i + "]", rules.get(i));
                if (!names.add(r.name())) {
                    throw new IllegalArgumentException("rules[" + i + "].name must be unique, but '" + r.name()
                            + "' is used twice");
                }
            }
            this.rules = List.copyOf(rules);
            return this;
        }

        /** @param clock the clock of pending and firing times (default {@link NanoClock#system()}) */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /** @param wallClock the clock of the events' wall-clock times (default UTC system clock) */
        public Builder wallClock(Clock wallClock) {
            this.wallClock = Check.notNull("wallClock", wallClock);
            return this;
        }

        /** @param listener receives every {@link AlertFired} and {@link AlertResolved}, in order */
        public Builder listener(RunListener listener) {
            listeners.add(Check.notNull("listener", listener));
            return this;
        }

        /**
         * @param action called with a reason when an abort-on-fail rule fires, e.g.
         *     {@code reason -> vernier.abort(reason)}; without one, such a firing is only logged
         * @return this builder
         */
        public Builder abortAction(Consumer<String> action) {
            this.abortAction = Check.notNull("abortAction", action);
            return this;
        }

        /**
         * @param size alert events kept in {@link #history()}, 1 to 1,000,000 (default 1000)
         * @return this builder
         * @throws IllegalArgumentException naming {@code historySize} and the value
         */
        public Builder historySize(int size) {
            if (size < 1 || size > 1_000_000) {
                throw new IllegalArgumentException("historySize must be between 1 and 1000000, but was " + size);
            }
            this.historySize = size;
            return this;
        }

        /**
         * @param bytes the maximum heap that {@link AlertMetric#MEMORY} of interval snapshots is a share
         *     of, bytes, positive (default the JVM's {@code Runtime.maxMemory()})
         * @return this builder
         * @throws IllegalArgumentException naming {@code heapMaxBytes} and the value
         */
        public Builder heapMaxBytes(long bytes) {
            this.heapMaxBytes = Check.positive("heapMaxBytes", bytes);
            return this;
        }

        /** @return the engine */
        public AlertEngine build() {
            return new AlertEngine(this);
        }
    }
}
