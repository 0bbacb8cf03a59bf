package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.lang.management.OperatingSystemMXBean;
import java.util.Objects;

/**
 * Fallback for process and system CPU (percent of all cores), load average and thread count when
 * OSHI cannot be used: reads {@code com.sun.management.OperatingSystemMXBean}.
 *
 * <p>Thread-safe (stateless apart from the bean). Values the bean cannot give (negative) are absent.
 */
public final class JvmCpuSource implements MetricSource {

    private final OperatingSystemMXBean os;

    /** @param os the operating-system bean, usually {@code ManagementFactory.getOperatingSystemMXBean()} */
    public JvmCpuSource(OperatingSystemMXBean os) {
        this.os = Objects.requireNonNull(os, "os");
    }

    @Override
    public String name() {
        return "jvm.cpu";
    }

    @Override
    public void collect(SampleBuilder out) {
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
            double process = sun.getProcessCpuLoad();
            if (process >= 0) {
                out.put(ResourceMetrics.PROCESS_CPU, process * 100.0);
            }
            double system = sun.getCpuLoad();
            if (system >= 0) {
                out.put(ResourceMetrics.SYSTEM_CPU, system * 100.0);
            }
        }
        double load = os.getSystemLoadAverage();
        if (load >= 0) {
            out.put(ResourceMetrics.LOAD_1M, load);
        } else {
            out.absent(ResourceMetrics.LOAD_1M, "no load average on this platform");
        }
    }
}
