package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Objects;

/**
 * Heap used and committed and non-heap used (bytes), from the {@link MemoryMXBean}.
 *
 * <p>Thread-safe (stateless apart from the bean).
 */
public final class JvmMemorySource implements MetricSource {

    private final MemoryMXBean memory;

    /** @param memory the memory bean, usually {@code ManagementFactory.getMemoryMXBean()} */
    public JvmMemorySource(MemoryMXBean memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    @Override
    public String name() {
        return "jvm.memory";
    }

    @Override
    public void collect(SampleBuilder out) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        out.put(ResourceMetrics.HEAP_USED, heap.getUsed());
        out.put(ResourceMetrics.HEAP_COMMITTED, heap.getCommitted());
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.put(ResourceMetrics.NON_HEAP_USED, nonHeap.getUsed());
    }
}
