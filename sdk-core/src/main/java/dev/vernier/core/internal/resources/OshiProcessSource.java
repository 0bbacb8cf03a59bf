package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.util.Objects;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * This process's CPU (percent of all logical cores), resident set size (bytes) and operating-system
 * thread count, from OSHI's {@link OperatingSystem#getProcess(int)}.
 *
 * <p>Not thread-safe; the sampler calls it from one thread at a time. CPU is measured between
 * consecutive calls, so the first call gives no CPU figure. When the process cannot be read (OSHI
 * returns {@code null}) the group is absent for that sample.
 */
public final class OshiProcessSource implements MetricSource {

    private final OperatingSystem os;
    private final int pid;
    private final int logicalProcessors;
    private OSProcess previous;

    /**
     * @param os OSHI's operating system
     * @param pid the process to read, usually {@code os.getProcessId()}
     * @param logicalProcessors logical processors, to turn OSHI's per-core load into percent of all
     *     cores; must be positive
     */
    public OshiProcessSource(OperatingSystem os, int pid, int logicalProcessors) {
        this.os = Objects.requireNonNull(os, "os");
        this.pid = pid;
        if (logicalProcessors <= 0) {
            throw new IllegalArgumentException("logicalProcessors must be positive, but was " + logicalProcessors);
        }
        this.logicalProcessors = logicalProcessors;
    }

    @Override
    public String name() {
        return "oshi.process";
    }

    @Override
    public void collect(SampleBuilder out) {
        OSProcess current = os.getProcess(pid);
        if (current == null) {
            throw new IllegalStateException("process " + pid + " cannot be read");
        }
        if (previous != null) {
            double load = current.getProcessCpuLoadBetweenTicks(previous);
            if (load >= 0) {
                out.put(ResourceMetrics.PROCESS_CPU, Math.min(100.0, load * 100.0 / logicalProcessors));
            }
        }
        previous = current;
        long rss = current.getResidentSetSize();
        if (rss > 0) {
            out.put(ResourceMetrics.PROCESS_RSS, rss);
        }
        int threads = current.getThreadCount();
        if (threads > 0) {
            out.put(ResourceMetrics.PROCESS_THREADS, threads);
        }
    }
}
