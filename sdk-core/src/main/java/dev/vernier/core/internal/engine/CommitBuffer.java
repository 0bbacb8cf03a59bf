package dev.vernier.core.internal.engine;

/**
 * The raw timestamps of committed transactions, copied by the completing thread (six numbers, no
 * histogram work) and turned into histogram values by the reader when it harvests. When it is full
 * between two harvests the writer records directly ({@link Tally#commit}). Not thread-safe: part of
 * a recording {@link Tally}, guarded like it.
 */
final class CommitBuffer {

    /** Committed transactions buffered between two harvests (the ticker harvests at least every 10 ms). */
    static final int CAPACITY = 1024;
    private static final int FIELDS = 6;

    private final long[] values = new long[CAPACITY * FIELDS];
    private int size;

    /** @return false when full (the caller records directly) */
    boolean add(int typeOrWarmup, long intended, long submitted, long agreed, long applied, long completed) {
        int n = size;
        if (n == CAPACITY) {
            return false;
        }
        long[] b = values;
        int i = n * FIELDS;
        b[i] = typeOrWarmup;
        b[i + 1] = intended;
        b[i + 2] = submitted;
        b[i + 3] = agreed;
        b[i + 4] = applied;
        b[i + 5] = completed;
        size = n + 1;
        return true;
    }

    /** Records every buffered commit into {@code target}. */
    void drainInto(Tally target) {
        long[] b = values;
        for (int i = 0, n = size * FIELDS; i < n; i += FIELDS) {
            target.recordCommit((int) b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5]);
        }
    }

    void clear() {
        size = 0;
    }
}
