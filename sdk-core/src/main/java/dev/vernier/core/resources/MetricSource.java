package dev.vernier.core.resources;

/**
 * A group of metrics read together (CPU, process, network, disk, heap, GC, ...).
 *
 * <p>Implementations are called from one sampling thread at a time (the sampler serialises calls),
 * so they may keep state between calls, such as the previous CPU ticks. A source that throws loses
 * its metrics for that sample only; the other sources are still delivered.
 */
public interface MetricSource {

    /** @return a short name for logs, such as {@code "oshi.cpu"} */
    String name();

    /**
     * Reads the metrics of this group into {@code out}. A metric the platform cannot give is left
     * out (optionally declared with {@link SampleBuilder#absent(String, String)}), never put as zero.
     *
     * @param out where to put the metrics
     * @throws Exception when the group cannot be read at all this time
     */
    void collect(SampleBuilder out) throws Exception;
}
