package dev.vernier.core.internal.engine;

/**
 * The open model's in-flight and timeout tracker: a singly linked list of the transactions that
 * escaped to a suite callback, in intended-time order. The generator appends; the ticker walks it,
 * unlinks completed nodes and times out the ones past {@code intended + timeout}. No timer per
 * transaction; only open transactions (and the append point) are kept.
 *
 * <p>One appending thread (the generator) and one reaping thread (the ticker).
 */
final class InFlight {

    private final Pending head;
    private Pending tail;

    InFlight(TxRecorder recorder) {
        this.head = new Pending(recorder);
        head.markSentinel();
        this.tail = head;
    }

    /** Appends a transaction whose outcome is not known yet. Generator only. */
    void append(Pending p) {
        tail.next = p;
        tail = p;
    }

    /**
     * Times out every open transaction intended at or before {@code now - timeoutNanos} (every open
     * one when {@code all}), unlinking completed ones. Ticker only.
     *
     * @return how many this call timed out
     */
    long reap(long now, long timeoutNanos, boolean all) {
        long count = 0;
        long deadline = now - timeoutNanos;
        Pending prev = head;
        Pending cur = head.next;
        while (cur != null) {
            Pending next = cur.next;
            if (!cur.isDone() && (all || cur.intended - deadline <= 0) && cur.timeOut(now)) {
                count++;
            }
            if (cur.isDone() && next != null) {
                prev.next = next;
            } else {
                prev = cur;
            }
            cur = next;
        }
        return count;
    }

    /** @return the number of linked nodes (tests of the memory bound) */
    int length() {
        int n = 0;
        for (Pending p = head.next; p != null; p = p.next) {
            n++;
        }
        return n;
    }
}
