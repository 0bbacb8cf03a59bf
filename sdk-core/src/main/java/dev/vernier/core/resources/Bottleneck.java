package dev.vernier.core.resources;

/**
 * A resource that likely limits the system under test, found by a rule of {@link BottleneckRules}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric, such as {@code process.cpu}, or {@code heap.after.gc.bytes} for memory
 *     growth
 * @param severity how much it matters
 * @param observed the observed figure, in {@code unit}
 * @param threshold the rule's threshold, in {@code unit}
 * @param unit the unit of both figures, such as {@code %} or {@code bytes/s}
 * @param description one sentence for people
 */
public record Bottleneck(String metric, Severity severity, double observed, double threshold, String unit,
        String description) {
}
