package dev.vernier.monitor.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/**
 * Reads the process's CPU and heap for the monitor's points. Implementations are called from the
 * monitor's sampling thread only.
 */
public interface ResourceProbe {

    /** @return the figures now; a figure the platform cannot give is NaN */
    Reading read();

    /**
     * Resource figures at one instant. Immutable.
     *
     * @param cpuPercent process CPU, percent of all logical cores
     * @param heapUsedBytes heap in use, bytes
     * @param heapMaxBytes maximum heap, bytes
     */
    record Reading(double cpuPercent, double heapUsedBytes, double heapMaxBytes) {
        /** A reading with nothing known. */
        public static final Reading NONE = new Reading(Double.NaN, Double.NaN, Double.NaN);

        /** @return heap used over maximum, percent, or NaN */
        public double memoryPercent() {
            return heapMaxBytes > 0 ? 100.0 * heapUsedBytes / heapMaxBytes : Double.NaN;
        }
    }

    /** @return the JVM's own figures: the operating-system bean's process CPU load and the heap bean */
    static ResourceProbe jvm() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return () -> {
            double cpu = Double.NaN;
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                double load = sun.getProcessCpuLoad();
                cpu = load >= 0 ? load * 100.0 : Double.NaN;
            }
            MemoryUsage heap = memory.getHeapMemoryUsage();
            double max = heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
            return new Reading(cpu, heap.getUsed(), max == Long.MAX_VALUE ? Double.NaN : max);
        };
    }
}
