package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GC collections and accumulated GC time per collector ({@code gc.<collector>.count},
 * {@code gc.<collector>.pause.ms}, cumulative counters) and in total, and the heap in use right
 * after the latest GC ({@link ResourceMetrics#HEAP_AFTER_GC}, bytes).
 *
 * <p>Not thread-safe; the sampler calls it from one thread at a time. The heap after GC is put only
 * in a sample taken after a new collection since the previous call, so that each point of the
 * memory-growth regression is one collection. It comes from the latest collection's
 * {@code com.sun.management.GcInfo} (usage after GC of every heap pool) and, where that API is
 * missing, from the heap pools' {@link MemoryPoolMXBean#getCollectionUsage()}.
 */
public final class JvmGcSource implements MetricSource {

    private final List<GarbageCollectorMXBean> collectors;
    private final List<MemoryPoolMXBean> heapPools;
    private final Set<String> heapPoolNames;
    private long previousCount = -1;

    /**
     * @param collectors the collectors, usually {@code ManagementFactory.getGarbageCollectorMXBeans()}
     * @param pools the memory pools, usually {@code ManagementFactory.getMemoryPoolMXBeans()}; only
     *     heap pools are used
     */
    public JvmGcSource(List<GarbageCollectorMXBean> collectors, List<MemoryPoolMXBean> pools) {
        this.collectors = List.copyOf(Objects.requireNonNull(collectors, "collectors"));
        this.heapPools = Objects.requireNonNull(pools, "pools").stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .collect(Collectors.toUnmodifiableList());
        this.heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return "jvm.gc";
    }

    @Override
    public void collect(SampleBuilder out) {
        if (collectors.isEmpty()) {
            out.absent(ResourceMetrics.GC_COUNT, "no garbage collector bean");
            out.absent(ResourceMetrics.GC_PAUSE_MS, "no garbage collector bean");
            return;
        }
        long totalCount = 0;
        long totalTime = 0;
        boolean anyCount = false;
        boolean anyTime = false;
        for (GarbageCollectorMXBean gc : collectors) {
            String prefix = "gc." + ResourceMetrics.segment(gc.getName()) + ".";
            long count = gc.getCollectionCount();
            long time = gc.getCollectionTime();
            if (count >= 0) {
                out.put(prefix + "count", count);
                totalCount += count;
                anyCount = true;
            }
            if (time >= 0) {
                out.put(prefix + "pause.ms", time);
                totalTime += time;
                anyTime = true;
            }
        }
        if (anyCount) {
            out.put(ResourceMetrics.GC_COUNT, totalCount);
        }
        if (anyTime) {
            out.put(ResourceMetrics.GC_PAUSE_MS, totalTime);
        }
        if (anyCount && previousCount >= 0 && totalCount > previousCount) {
            long afterGc = heapAfterLatestGc();
            if (afterGc >= 0) {
                out.put(ResourceMetrics.HEAP_AFTER_GC, afterGc);
            }
        }
        if (anyCount) {
            previousCount = totalCount;
        }
    }

    private long heapAfterLatestGc() {
        com.sun.management.GcInfo latest = null;
        for (GarbageCollectorMXBean gc : collectors) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean) {
                com.sun.management.GcInfo info = ((com.sun.management.GarbageCollectorMXBean) gc).getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest != null) {
            long sum = 0;
            boolean any = false;
            for (Map.Entry<String, MemoryUsage> e : latest.getMemoryUsageAfterGc().entrySet()) {
                if (heapPoolNames.contains(e.getKey())) {
                    sum += e.getValue().getUsed();
                    any = true;
                }
            }
            if (any) {
                return sum;
            }
        }
        long sum = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage usage = pool.getCollectionUsage();
            if (usage != null) {
                sum += usage.getUsed();
                any = true;
            }
        }
        return any ? sum : -1;
    }
}
