package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Objects;

/**
 * Open file descriptors (from {@code com.sun.management.UnixOperatingSystemMXBean}), live JVM
 * threads and process uptime (milliseconds), from JMX.
 *
 * <p>Thread-safe (stateless apart from the beans). Open file descriptors are absent on platforms
 * without the Unix bean (Windows).
 */
public final class JvmRuntimeSource implements MetricSource {

    private final OperatingSystemMXBean os;
    private final ThreadMXBean threads;
    private final RuntimeMXBean runtime;

    /**
     * @param os the operating-system bean
     * @param threads the thread bean
     * @param runtime the runtime bean
     */
    public JvmRuntimeSource(OperatingSystemMXBean os, ThreadMXBean threads, RuntimeMXBean runtime) {
        this.os = Objects.requireNonNull(os, "os");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public String name() {
        return "jvm.runtime";
    }

    @Override
    public void collect(SampleBuilder out) {
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
            long fds = ((com.sun.management.UnixOperatingSystemMXBean) os).getOpenFileDescriptorCount();
            if (fds >= 0) {
                out.put(ResourceMetrics.PROCESS_FDS, fds);
            } else {
                out.absent(ResourceMetrics.PROCESS_FDS, "open file descriptors not readable");
            }
        } else {
            out.absent(ResourceMetrics.PROCESS_FDS, "no Unix operating-system bean on this platform");
        }
        out.put(ResourceMetrics.JVM_THREADS, threads.getThreadCount());
        out.put(ResourceMetrics.PROCESS_UPTIME, runtime.getUptime());
    }
}
