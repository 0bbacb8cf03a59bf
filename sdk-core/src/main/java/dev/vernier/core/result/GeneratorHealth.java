package dev.vernier.core.result;

/**
 * The verdict on a phase's load: whether it was limited, and by whom. When the harness could not
 * keep the schedule, the rate shown is the harness's, not the system's; when the system held the
 * sender up (a blocked {@code submit}, the in-flight cap, a backlog), the rate is the system's and
 * the latency counts every due transaction from its intended start. A closed load always carries the
 * note that its latency excludes queueing behind stalls. Immutable and thread-safe.
 *
 * @param limitedBy who limited the load, or {@link Limit#NONE}
 * @param verdict one or two sentences with the figures
 * @param intendedSends sends the open schedule asked for in the measured window (0 for closed)
 * @param lateSends sends made later than the lag threshold
 * @param lateBehindSubmit late sends that waited behind a {@code submit} call that blocked
 * @param refusedSends sends not made because the in-flight cap was reached
 * @param notSent due sends never made
 * @param lagP50Micros scheduling lag median (actual minus intended start), µs
 * @param lagP99Micros scheduling lag 99th percentile, µs
 * @param lagMaxMicros largest scheduling lag, µs
 * @param maxSubmitMillis longest single {@code submit} call, ms
 * @param closedModelNote for closed loads the coordinated-omission note, else an empty string
 */
public record GeneratorHealth(Limit limitedBy, String verdict, long intendedSends, long lateSends,
                              long lateBehindSubmit, long refusedSends, long notSent, double lagP50Micros,
                              double lagP99Micros, double lagMaxMicros, double maxSubmitMillis,
                              String closedModelNote) {

    /** The note every closed-model verdict carries. */
    public static final String CLOSED_MODEL_NOTE = "closed model: latency excludes queueing behind stalls"
            + " (coordinated omission by design); use an open load to see what users at this rate would wait";

    /** Who limited a load. */
    public enum Limit {
        /** Nobody: the schedule held (open) or the clients were not saturated (closed). */
        NONE,
        /** The harness: it could not keep the schedule (lag, its own GC or CPU), or its clients starved the system of CPU. */
        HARNESS,
        /** The system: submit blocked, the in-flight cap was hit, due sends were never made, or clients timed out. */
        SYSTEM
    }

    /**
     * A missing {@code limitedBy} or note (a version 2 document) reads as {@link Limit#NONE} and "".
     *
     * @throws NullPointerException when verdict is null
     */
    public GeneratorHealth {
        limitedBy = limitedBy == null ? Limit.NONE : limitedBy;
        java.util.Objects.requireNonNull(verdict, "verdict");
        closedModelNote = closedModelNote == null ? "" : closedModelNote;
    }

    /**
     * The verdict in the form before it said who limited the load: {@code generatorLimited} reads as
     * {@link Limit#HARNESS}, the rest as {@link Limit#NONE}.
     *
     * @param intendedSends sends the schedule asked for
     * @param lateSends late sends
     * @param refusedSends refused sends
     * @param lagP50Micros lag median, µs
     * @param lagP99Micros lag p99, µs
     * @param lagMaxMicros largest lag, µs
     * @param generatorLimited whether the harness could not keep the schedule
     * @param verdict the sentence
     */
    public GeneratorHealth(long intendedSends, long lateSends, long refusedSends, double lagP50Micros,
                           double lagP99Micros, double lagMaxMicros, boolean generatorLimited, String verdict) {
        this(generatorLimited ? Limit.HARNESS : Limit.NONE, verdict, intendedSends, lateSends, 0, refusedSends, 0,
                lagP50Micros, lagP99Micros, lagMaxMicros, 0, "");
    }

    /** @return a closed-model verdict without saturation (the note only) */
    public static GeneratorHealth closedModel() {
        return new GeneratorHealth(Limit.NONE, CLOSED_MODEL_NOTE, 0, 0, 0, 0, 0, 0, 0, 0, 0, CLOSED_MODEL_NOTE);
    }

    /** @return true when the harness limited the load (the rate shown is not the system's) */
    public boolean generatorLimited() {
        return limitedBy == Limit.HARNESS;
    }

    /** @return true when anybody limited the load */
    public boolean limited() {
        return limitedBy != Limit.NONE;
    }
}
