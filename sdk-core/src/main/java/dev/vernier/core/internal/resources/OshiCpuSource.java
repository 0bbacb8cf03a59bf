package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.util.Objects;
import oshi.hardware.CentralProcessor;

/**
 * System CPU (percent of all logical cores), per-core use (percent of each core) and load averages,
 * from OSHI's {@link CentralProcessor}.
 *
 * <p>Not thread-safe; the sampler calls it from one thread at a time. CPU use is measured between
 * ticks of consecutive calls, so the first call only primes the ticks and gives no CPU figure. Load
 * averages the platform does not give (negative from OSHI, as on Windows) are absent.
 */
public final class OshiCpuSource implements MetricSource {

    private final CentralProcessor processor;
    private long[] previousTicks;
    private long[][] previousCoreTicks;

    /** @param processor OSHI's processor, for example {@code new SystemInfo().getHardware().getProcessor()} */
    public OshiCpuSource(CentralProcessor processor) {
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    @Override
    public String name() {
        return "oshi.cpu";
    }

    @Override
    public void collect(SampleBuilder out) {
        long[] ticks = processor.getSystemCpuLoadTicks();
        if (previousTicks != null) {
            out.put(ResourceMetrics.SYSTEM_CPU, percent(processor.getSystemCpuLoadBetweenTicks(previousTicks)));
        }
        previousTicks = ticks;

        long[][] coreTicks = processor.getProcessorCpuLoadTicks();
        if (previousCoreTicks != null && previousCoreTicks.length == coreTicks.length) {
            double[] loads = processor.getProcessorCpuLoadBetweenTicks(previousCoreTicks);
            for (int i = 0; i < loads.length; i++) {
                out.put(ResourceMetrics.CPU_CORE_PREFIX + i, percent(loads[i]));
            }
        }
        previousCoreTicks = coreTicks;

        double[] load = processor.getSystemLoadAverage(3);
        String[] names = {ResourceMetrics.LOAD_1M, ResourceMetrics.LOAD_5M, ResourceMetrics.LOAD_15M};
        for (int i = 0; i < names.length; i++) {
            if (load != null && i < load.length && load[i] >= 0) {
                out.put(names[i], load[i]);
            } else {
                out.absent(names[i], "no load average on this platform");
            }
        }
    }

    private static double percent(double fraction) {
        return fraction >= 0 ? Math.min(100.0, fraction * 100.0) : Double.NaN;
    }
}
