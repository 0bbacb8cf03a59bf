package dev.vernier.api;

/**
 * The result of one transaction: committed or rejected, with optional stage timestamps.
 *
 * <p>Stage timestamps are nanoseconds of the run's {@link NanoClock} ({@link SuiteContext#clock()});
 * {@link #ABSENT} means the suite did not report that stage. Stages: submitted (recorded by Vernier),
 * agreed (ordered/committed by the consensus), applied (executed by the state machine).
 *
 * <p>Immutable and thread-safe. {@link #committed()} returns a shared instance, so a suite that
 * reports no stages allocates nothing for its outcomes.
 */
public final class TxOutcome {

    /** Marker for a stage timestamp that was not reported. */
    public static final long ABSENT = Long.MIN_VALUE;

    private static final TxOutcome COMMITTED = new TxOutcome(true, null, ABSENT, ABSENT);

    private final boolean committed;
    private final String rejection;
    private final long agreedNanos;
    private final long appliedNanos;

    private TxOutcome(boolean committed, String rejection, long agreedNanos, long appliedNanos) {
        this.committed = committed;
        this.rejection = rejection;
        this.agreedNanos = agreedNanos;
        this.appliedNanos = appliedNanos;
    }

    /** @return a committed outcome without stage timestamps (a shared instance) */
    public static TxOutcome committed() {
        return COMMITTED;
    }

    /**
     * @param agreedNanos when consensus agreed on the transaction, or {@link #ABSENT}
     * @param appliedNanos when the state machine applied it, or {@link #ABSENT}
     * @return a committed outcome with stage timestamps
     */
    public static TxOutcome committed(long agreedNanos, long appliedNanos) {
        return new TxOutcome(true, null, agreedNanos, appliedNanos);
    }

    /**
     * @param reason why the system refused it (counted as a rejection error), e.g. "not leader"
     * @return a rejected outcome
     */
    public static TxOutcome rejected(String reason) {
        return new TxOutcome(false, reason == null ? "rejected" : reason, ABSENT, ABSENT);
    }

    /** @return true when the transaction was committed */
    public boolean isCommitted() {
        return committed;
    }

    /** @return the rejection reason, or null when committed */
    public String rejection() {
        return rejection;
    }

    /** @return agreed-at in nanoseconds, or {@link #ABSENT} */
    public long agreedNanos() {
        return agreedNanos;
    }

    /** @return applied-at in nanoseconds, or {@link #ABSENT} */
    public long appliedNanos() {
        return appliedNanos;
    }

    @Override
    public String toString() {
        return committed ? "TxOutcome{committed}" : "TxOutcome{rejected: " + rejection + "}";
    }
}
