package dev.vernier.core.resources;

import java.util.List;
import java.util.Locale;

/**
 * Names of the resource metrics, which of them are cumulative counters, and their units.
 *
 * <p>Stateless and thread-safe. Units: CPU figures are percent of all logical cores (0-100), bytes
 * are bytes, {@code .ms} names are milliseconds. Counters are cumulative totals in a sample and
 * rates per second in the analysis.
 */
public final class ResourceMetrics {

    /** Process CPU, percent of all logical cores. */
    public static final String PROCESS_CPU = "process.cpu";
    /** System CPU, percent of all logical cores. */
    public static final String SYSTEM_CPU = "system.cpu";
    /** Load average over one minute (runnable tasks). */
    public static final String LOAD_1M = "load.1m";
    /** Load average over five minutes. */
    public static final String LOAD_5M = "load.5m";
    /** Load average over fifteen minutes. */
    public static final String LOAD_15M = "load.15m";
    /** Prefix of per-core use, percent of that core: {@code cpu.core.0}, {@code cpu.core.1}, ... */
    public static final String CPU_CORE_PREFIX = "cpu.core.";
    /** Resident set size of the process, bytes. */
    public static final String PROCESS_RSS = "process.rss.bytes";
    /** Heap in use, bytes. */
    public static final String HEAP_USED = "heap.used.bytes";
    /** Heap committed, bytes. */
    public static final String HEAP_COMMITTED = "heap.committed.bytes";
    /** Heap in use right after the latest GC, bytes; present only in samples taken after a new GC. */
    public static final String HEAP_AFTER_GC = "heap.after.gc.bytes";
    /** Non-heap memory in use, bytes. */
    public static final String NON_HEAP_USED = "nonheap.used.bytes";
    /** Collections of all collectors, counter. */
    public static final String GC_COUNT = "gc.count";
    /** Accumulated GC time of all collectors, milliseconds, counter. */
    public static final String GC_PAUSE_MS = "gc.pause.ms";
    /** Bytes received on all interfaces, counter. */
    public static final String NET_BYTES_IN = "net.bytes.in";
    /** Bytes sent on all interfaces, counter. */
    public static final String NET_BYTES_OUT = "net.bytes.out";
    /** Packets received on all interfaces, counter. */
    public static final String NET_PACKETS_IN = "net.packets.in";
    /** Packets sent on all interfaces, counter. */
    public static final String NET_PACKETS_OUT = "net.packets.out";
    /** Established TCP connections (IPv4 and IPv6). */
    public static final String TCP_ACTIVE = "tcp.connections.active";
    /** Bytes read from all disks, counter. */
    public static final String DISK_BYTES_READ = "disk.bytes.read";
    /** Bytes written to all disks, counter. */
    public static final String DISK_BYTES_WRITE = "disk.bytes.write";
    /** Read operations on all disks, counter. */
    public static final String DISK_OPS_READ = "disk.ops.read";
    /** Write operations on all disks, counter. */
    public static final String DISK_OPS_WRITE = "disk.ops.write";
    /** Requests queued on all disks. */
    public static final String DISK_QUEUE = "disk.queue.length";
    /** Operating-system threads of the process. */
    public static final String PROCESS_THREADS = "process.threads";
    /** Live JVM threads. */
    public static final String JVM_THREADS = "jvm.threads.live";
    /** Open file descriptors of the process. */
    public static final String PROCESS_FDS = "process.fds";
    /** Process uptime, milliseconds. */
    public static final String PROCESS_UPTIME = "process.uptime.ms";

    /**
     * The metrics every platform is expected to give; those never observed in a series are listed
     * as absent in the result.
     */
    public static final List<String> EXPECTED = List.of(PROCESS_CPU, SYSTEM_CPU, LOAD_1M,
            PROCESS_RSS, HEAP_USED, HEAP_COMMITTED, GC_COUNT, GC_PAUSE_MS, NET_BYTES_IN,
            NET_BYTES_OUT, NET_PACKETS_IN, NET_PACKETS_OUT, TCP_ACTIVE, DISK_BYTES_READ,
            DISK_BYTES_WRITE, DISK_OPS_READ, DISK_OPS_WRITE, DISK_QUEUE, PROCESS_THREADS,
            PROCESS_FDS, PROCESS_UPTIME);

    private static final List<String> COUNTER_SUFFIXES = List.of(".bytes.in", ".bytes.out",
            ".packets.in", ".packets.out", ".bytes.read", ".bytes.write", ".ops.read", ".ops.write");

    private ResourceMetrics() {
    }

    /**
     * @param metric a metric name
     * @return whether the metric is a cumulative counter, turned into a rate per second by the
     *     analysis: network and disk bytes, packets and operations, and {@code gc.*.count} /
     *     {@code gc.*.pause.ms}
     */
    public static boolean isCounter(String metric) {
        if (metric.startsWith("gc.") && (metric.endsWith(".count") || metric.endsWith(".pause.ms"))) {
            return true;
        }
        for (String suffix : COUNTER_SUFFIXES) {
            if (metric.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param metric a metric name
     * @return the unit of the metric's value in a sample ({@code %}, {@code bytes}, {@code ms},
     *     {@code count})
     */
    public static String unit(String metric) {
        if (metric.equals(PROCESS_CPU) || metric.equals(SYSTEM_CPU) || metric.startsWith(CPU_CORE_PREFIX)) {
            return "%";
        }
        if (metric.endsWith(".bytes") || metric.contains(".bytes.")) {
            return "bytes";
        }
        if (metric.endsWith(".ms")) {
            return "ms";
        }
        if (metric.startsWith("load.")) {
            return "load";
        }
        return "count";
    }

    /**
     * @param metric a metric name
     * @return the unit of the metric in the analysis: the sample unit, or that unit per second for a
     *     counter
     */
    public static String analysisUnit(String metric) {
        return isCounter(metric) ? unit(metric) + "/s" : unit(metric);
    }

    /**
     * Turns a collector, interface or disk name into a metric-name segment: lower case, anything
     * other than letters, digits, {@code -} and {@code _} replaced by {@code _}.
     *
     * @param name a name given by the platform
     * @return the segment
     */
    public static String segment(String name) {
        String lower = name.toLowerCase(Locale.ROOT).trim();
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    /**
     * @param value a value in {@code unit}
     * @param unit the metric's unit ("bytes", "bytes/s", "%", ...)
     * @return the value as reports show it (bytes in MB, {@link java.util.Locale#ROOT})
     */
    public static String format(double value, String unit) {
        return ResourceMarkdown.format(value, unit);
    }
}
