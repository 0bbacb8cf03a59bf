package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.util.List;
import java.util.Objects;
import oshi.hardware.HWDiskStore;

/**
 * Disk bytes and operations read and written (cumulative counters over all disks) and the current
 * queue length (requests), from OSHI's {@link HWDiskStore}s.
 *
 * <p>Not thread-safe; the sampler calls it from one thread at a time. With no readable disk (many
 * containers), the metrics are absent.
 */
public final class OshiDiskSource implements MetricSource {

    private final List<HWDiskStore> disks;

    /** @param disks the disks to read, for example {@code hal.getDiskStores()} */
    public OshiDiskSource(List<HWDiskStore> disks) {
        this.disks = List.copyOf(Objects.requireNonNull(disks, "disks"));
    }

    @Override
    public String name() {
        return "oshi.disk";
    }

    @Override
    public void collect(SampleBuilder out) {
        long bytesRead = 0;
        long bytesWritten = 0;
        long reads = 0;
        long writes = 0;
        long queue = 0;
        int read = 0;
        for (HWDiskStore disk : disks) {
            if (!disk.updateAttributes()) {
                continue;
            }
            read++;
            bytesRead += disk.getReadBytes();
            bytesWritten += disk.getWriteBytes();
            reads += disk.getReads();
            writes += disk.getWrites();
            queue += Math.max(0, disk.getCurrentQueueLength());
        }
        if (read == 0) {
            for (String metric : List.of(ResourceMetrics.DISK_BYTES_READ, ResourceMetrics.DISK_BYTES_WRITE,
                    ResourceMetrics.DISK_OPS_READ, ResourceMetrics.DISK_OPS_WRITE, ResourceMetrics.DISK_QUEUE)) {
                out.absent(metric, "no readable disk");
            }
            return;
        }
        out.put(ResourceMetrics.DISK_BYTES_READ, bytesRead);
        out.put(ResourceMetrics.DISK_BYTES_WRITE, bytesWritten);
        out.put(ResourceMetrics.DISK_OPS_READ, reads);
        out.put(ResourceMetrics.DISK_OPS_WRITE, writes);
        out.put(ResourceMetrics.DISK_QUEUE, queue);
    }
}
