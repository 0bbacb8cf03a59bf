package dev.vernier.core.internal.engine;

import java.util.Arrays;

/**
 * Sends refused by the in-flight cap that still wait for their latency: a run of consecutive
 * schedule indices (refusals happen while the cap is full, so they come in runs) and their types.
 * A refused transaction counts at once; its latency lower bound is taken when the cap has room
 * again, when the rate changes, or when the generator stops ({@link #flush}): the user who was due
 * waited at least that long. Generator thread only.
 */
final class RefusedRun {

    /** Longest run kept; a longer one is given its bounds early (weaker, still valid lower bounds). */
    private static final int MAX_RUN = 1 << 20;

    private final RateSchedule schedule;
    private final TxRecorder recorder;
    private final long start;
    private final long measuredStartIndex;
    private long from;
    private int length;
    private int[] types = new int[16];

    RefusedRun(RateSchedule schedule, TxRecorder recorder, long start, long measuredStartIndex) {
        this.schedule = schedule;
        this.recorder = recorder;
        this.start = start;
        this.measuredStartIndex = measuredStartIndex;
    }

    /** Counts a refused send of schedule {@code index} (the next index after the run) at {@code now}. */
    void add(long index, int type, boolean measured, long now) {
        if (length == 0) {
            from = index;
        }
        if (length == types.length) {
            types = Arrays.copyOf(types, length * 2);
        }
        types[length++] = type;
        recorder.refused(type, measured, 1);
        if (length >= MAX_RUN) {
            flush(now);
        }
    }

    /** Gives every refused send of the run its lower bound: from its intended start to {@code now}. */
    void flush(long now) {
        for (int k = 0; k < length; k++) {
            long index = from + k;
            recorder.lowerBound(types[k], index >= measuredStartIndex,
                    now - (start + schedule.offsetAt(index)), 1);
        }
        length = 0;
        if (types.length > 1024) {
            types = new int[16];
        }
    }
}
