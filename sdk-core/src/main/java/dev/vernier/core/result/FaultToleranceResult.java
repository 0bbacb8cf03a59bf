package dev.vernier.core.result;

import dev.vernier.api.LoadModel;
import java.util.List;

/**
 * The FAULT_TOLERANCE phase: throughput through a fault plan. Immutable and thread-safe.
 *
 * @param load the load model the phase ran
 * @param events the faults carried out, in order
 * @param intervals throughput intervals of the whole run (short intervals, for the dip's shape)
 * @param preFaultOpsPerSecond mean throughput of the intervals before the first fault, ops/s
 * @param minOpsPerSecond lowest interval from the first fault on, ops/s
 * @param dipPercent how far throughput fell below the pre-fault rate, percent
 * @param recoverySeconds from the first fault until throughput is back to 90% of the pre-fault rate
 *     after its dip, seconds; 0 when it never dipped below 90%; null when it never recovered
 * @param duringFault outcomes from the first fault until recovery (or the end)
 * @param outcomes outcomes of the whole run
 * @param consistency the consistency check after the faults, or null when the suite cannot verify
 * @param generator who limited the load, if anybody
 */
public record FaultToleranceResult(LoadModel load, List<FaultEvent> events, List<ThroughputInterval> intervals,
                                   double preFaultOpsPerSecond, double minOpsPerSecond, double dipPercent,
                                   Double recoverySeconds, Outcomes duringFault, Outcomes outcomes,
                                   ConsistencyCheck consistency, GeneratorHealth generator) {

    /** Copies the lists. */
    public FaultToleranceResult {
        events = List.copyOf(events);
        intervals = List.copyOf(intervals);
    }
}
