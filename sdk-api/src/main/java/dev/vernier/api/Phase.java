package dev.vernier.api;

/** The measurement phases a scenario can run, in the order they run. */
public enum Phase {
    /** Interval series of achieved throughput (step search when the load model is one). */
    THROUGHPUT,
    /** Latency distribution after warm-up, per transaction type and per stage. */
    LATENCY,
    /** CPU, memory, GC, network and disk cost, sampled alongside the load. */
    RESOURCES,
    /** The same load at several cluster sizes ({@link ClusterControl}). */
    SCALABILITY,
    /** A fault plan against the running load ({@link FaultInjector}). */
    FAULT_TOLERANCE
}
