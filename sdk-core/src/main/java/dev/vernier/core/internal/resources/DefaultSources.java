package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * The default metric sources: OSHI for CPU, process, network and disk; JMX for heap, GC, file
 * descriptors, JVM threads and uptime.
 *
 * <p>Stateless and thread-safe. When OSHI cannot start (no native access through JNA, an unknown
 * platform), its sources are replaced by {@link JvmCpuSource} and the network and disk metrics are
 * absent; this is logged once per call, never thrown.
 */
public final class DefaultSources {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSources.class);

    private DefaultSources() {
    }

    /**
     * Creates the default sources. Constructing OSHI takes some tens of milliseconds; do it before
     * the phase starts.
     *
     * @return new sources, each owned by the caller
     */
    public static List<MetricSource> create() {
        List<MetricSource> sources = new ArrayList<>();
        try {
            SystemInfo si = new SystemInfo();
            HardwareAbstractionLayer hal = si.getHardware();
            OperatingSystem os = si.getOperatingSystem();
            CentralProcessor cpu = hal.getProcessor();
            sources.add(new OshiCpuSource(cpu));
            sources.add(new OshiProcessSource(os, os.getProcessId(), Math.max(1, cpu.getLogicalProcessorCount())));
            sources.add(new OshiNetworkSource(hal.getNetworkIFs(true), os::getInternetProtocolStats));
            sources.add(new OshiDiskSource(hal.getDiskStores()));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("OSHI is not usable here ({}); process and system CPU come from JMX, "
                    + "network, disk and RSS metrics will be absent", e.toString());
            sources.clear();
            sources.add(new JvmCpuSource(ManagementFactory.getOperatingSystemMXBean()));
        }
        sources.add(new JvmMemorySource(ManagementFactory.getMemoryMXBean()));
        sources.add(new JvmGcSource(ManagementFactory.getGarbageCollectorMXBeans(),
                ManagementFactory.getMemoryPoolMXBeans()));
        sources.add(new JvmRuntimeSource(ManagementFactory.getOperatingSystemMXBean(),
                ManagementFactory.getThreadMXBean(), ManagementFactory.getRuntimeMXBean()));
        return sources;
    }
}
