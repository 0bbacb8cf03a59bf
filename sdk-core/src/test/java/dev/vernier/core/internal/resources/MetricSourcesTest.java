package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

class MetricSourcesTest {

    @Test
    void cpuSourceGivesPercentOfAllCoresAfterPrimingAndLeavesMissingLoadAbsent() {
        CentralProcessor cpu = mock(CentralProcessor.class);
        when(cpu.getSystemCpuLoadTicks()).thenReturn(new long[8]);
        when(cpu.getProcessorCpuLoadTicks()).thenReturn(new long[2][8]);
        when(cpu.getSystemCpuLoadBetweenTicks(any())).thenReturn(0.5);
        when(cpu.getProcessorCpuLoadBetweenTicks(any())).thenReturn(new double[] {0.25, 0.75});
        when(cpu.getSystemLoadAverage(3)).thenReturn(new double[] {-1, -1, -1});
        OshiCpuSource source = new OshiCpuSource(cpu);

        SampleBuilder first = new SampleBuilder();
        source.collect(first);
        assertFalse(first.values().containsKey("system.cpu"), "first call only primes the ticks");

        SampleBuilder second = new SampleBuilder();
        source.collect(second);
        assertEquals(50.0, second.values().get("system.cpu"));
        assertEquals(25.0, second.values().get("cpu.core.0"));
        assertEquals(75.0, second.values().get("cpu.core.1"));
        assertFalse(second.values().containsKey("load.1m"), "absent, never zero");
        assertTrue(second.absentReasons().containsKey("load.1m"));
    }

    @Test
    void cpuSourceGivesLoadAverageWhereAvailable() {
        CentralProcessor cpu = mock(CentralProcessor.class);
        when(cpu.getSystemCpuLoadTicks()).thenReturn(new long[8]);
        when(cpu.getProcessorCpuLoadTicks()).thenReturn(new long[1][8]);
        when(cpu.getSystemLoadAverage(3)).thenReturn(new double[] {1.5, 1.0, -1});
        SampleBuilder out = new SampleBuilder();
        new OshiCpuSource(cpu).collect(out);
        assertEquals(1.5, out.values().get("load.1m"));
        assertEquals(1.0, out.values().get("load.5m"));
        assertFalse(out.values().containsKey("load.15m"));
    }

    @Test
    void processSourceDividesOshiLoadByLogicalProcessors() {
        OperatingSystem os = mock(OperatingSystem.class);
        OSProcess p1 = mock(OSProcess.class);
        OSProcess p2 = mock(OSProcess.class);
        when(os.getProcess(anyInt())).thenReturn(p1, p2);
        when(p2.getProcessCpuLoadBetweenTicks(p1)).thenReturn(1.0); // one full core
        when(p2.getResidentSetSize()).thenReturn(123_000_000L);
        when(p2.getThreadCount()).thenReturn(42);
        OshiProcessSource source = new OshiProcessSource(os, 77, 2);
        source.collect(new SampleBuilder());
        SampleBuilder out = new SampleBuilder();
        source.collect(out);
        assertEquals(50.0, out.values().get("process.cpu"));
        assertEquals(123_000_000.0, out.values().get("process.rss.bytes"));
        assertEquals(42.0, out.values().get("process.threads"));
    }

    @Test
    void processSourceFailsWhenProcessIsUnreadable() {
        OperatingSystem os = mock(OperatingSystem.class);
        when(os.getProcess(anyInt())).thenReturn(null);
        OshiProcessSource source = new OshiProcessSource(os, 77, 2);
        assertThrows(IllegalStateException.class, () -> source.collect(new SampleBuilder()));
        assertThrows(IllegalArgumentException.class, () -> new OshiProcessSource(os, 1, 0));
    }

    @Test
    void networkSourceSumsInterfacesAndCountsEstablishedTcp() {
        NetworkIF eth = nif("eth0", 1000, 2000, 10, 20);
        NetworkIF lo = nif("lo", 5, 5, 1, 1);
        InternetProtocolStats ip = mock(InternetProtocolStats.class);
        when(ip.getTCPv4Stats()).thenReturn(new InternetProtocolStats.TcpStats(7, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        when(ip.getTCPv6Stats()).thenReturn(new InternetProtocolStats.TcpStats(2, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        SampleBuilder out = new SampleBuilder();
        new OshiNetworkSource(List.of(eth, lo), () -> ip).collect(out);
        assertEquals(1005.0, out.values().get("net.bytes.in"));
        assertEquals(2005.0, out.values().get("net.bytes.out"));
        assertEquals(11.0, out.values().get("net.packets.in"));
        assertEquals(21.0, out.values().get("net.packets.out"));
        assertEquals(2000.0, out.values().get("net.eth0.bytes.out"));
        assertEquals(5.0, out.values().get("net.lo.bytes.in"));
        assertEquals(9.0, out.values().get("tcp.connections.active"));
    }

    @Test
    void networkAndDiskAreAbsentWithoutInterfacesOrDisks() {
        SampleBuilder out = new SampleBuilder();
        new OshiNetworkSource(List.of(), () -> null).collect(out);
        new OshiDiskSource(List.of()).collect(out);
        assertTrue(out.values().isEmpty(), out.values().toString());
        assertTrue(out.absentReasons().keySet().containsAll(List.of("net.bytes.in", "tcp.connections.active",
                "disk.bytes.read", "disk.queue.length")));
    }

    @Test
    void diskSourceSumsDisks() {
        HWDiskStore a = disk(100, 200, 1, 2, 3);
        HWDiskStore b = disk(1000, 2000, 10, 20, 0);
        HWDiskStore gone = mock(HWDiskStore.class);
        when(gone.updateAttributes()).thenReturn(false);
        SampleBuilder out = new SampleBuilder();
        new OshiDiskSource(List.of(a, b, gone)).collect(out);
        assertEquals(1100.0, out.values().get("disk.bytes.read"));
        assertEquals(2200.0, out.values().get("disk.bytes.write"));
        assertEquals(11.0, out.values().get("disk.ops.read"));
        assertEquals(22.0, out.values().get("disk.ops.write"));
        assertEquals(3.0, out.values().get("disk.queue.length"));
    }

    @Test
    void gcSourceGivesCountersPerCollectorAndHeapAfterGcOnlyAfterANewCollection() {
        GarbageCollectorMXBean young = mock(GarbageCollectorMXBean.class);
        when(young.getName()).thenReturn("G1 Young Generation");
        when(young.getCollectionCount()).thenReturn(3L, 3L, 5L);
        when(young.getCollectionTime()).thenReturn(30L, 30L, 45L);
        MemoryPoolMXBean eden = pool("G1 Eden Space", 0);
        MemoryPoolMXBean old = pool("G1 Old Gen", 40_000_000);
        JvmGcSource source = new JvmGcSource(List.of(young), List.of(eden, old));

        SampleBuilder first = new SampleBuilder();
        source.collect(first);
        assertEquals(3.0, first.values().get("gc.g1_young_generation.count"));
        assertEquals(30.0, first.values().get("gc.g1_young_generation.pause.ms"));
        assertEquals(30.0, first.values().get("gc.pause.ms"));
        assertFalse(first.values().containsKey("heap.after.gc.bytes"));

        SampleBuilder noGc = new SampleBuilder();
        source.collect(noGc);
        assertFalse(noGc.values().containsKey("heap.after.gc.bytes"), "no new collection, no point");

        SampleBuilder afterGc = new SampleBuilder();
        source.collect(afterGc);
        assertEquals(5.0, afterGc.values().get("gc.count"));
        assertEquals(40_000_000.0, afterGc.values().get("heap.after.gc.bytes"));
    }

    @Test
    void runtimeSourceLeavesFdsAbsentWithoutUnixBean() {
        OperatingSystemMXBean os = mock(OperatingSystemMXBean.class);
        ThreadMXBean threads = mock(ThreadMXBean.class);
        when(threads.getThreadCount()).thenReturn(12);
        RuntimeMXBean runtime = mock(RuntimeMXBean.class);
        when(runtime.getUptime()).thenReturn(5000L);
        SampleBuilder out = new SampleBuilder();
        new JvmRuntimeSource(os, threads, runtime).collect(out);
        assertFalse(out.values().containsKey("process.fds"));
        assertTrue(out.absentReasons().containsKey("process.fds"));
        assertEquals(12.0, out.values().get("jvm.threads.live"));
        assertEquals(5000.0, out.values().get("process.uptime.ms"));
    }

    @Test
    void nonFiniteValuesStayAbsent() {
        SampleBuilder out = new SampleBuilder().put("a", Double.NaN).put("b", Double.POSITIVE_INFINITY).put("c", 1);
        assertEquals(1, out.values().size());
    }

    private static NetworkIF nif(String name, long in, long out, long pin, long pout) {
        NetworkIF n = mock(NetworkIF.class);
        when(n.updateAttributes()).thenReturn(true);
        when(n.getName()).thenReturn(name);
        when(n.getBytesRecv()).thenReturn(in);
        when(n.getBytesSent()).thenReturn(out);
        when(n.getPacketsRecv()).thenReturn(pin);
        when(n.getPacketsSent()).thenReturn(pout);
        return n;
    }

    private static HWDiskStore disk(long rb, long wb, long r, long w, long q) {
        HWDiskStore d = mock(HWDiskStore.class);
        when(d.updateAttributes()).thenReturn(true);
        when(d.getReadBytes()).thenReturn(rb);
        when(d.getWriteBytes()).thenReturn(wb);
        when(d.getReads()).thenReturn(r);
        when(d.getWrites()).thenReturn(w);
        when(d.getCurrentQueueLength()).thenReturn(q);
        return d;
    }

    private static MemoryPoolMXBean pool(String name, long usedAfterGc) {
        MemoryPoolMXBean p = mock(MemoryPoolMXBean.class);
        when(p.getName()).thenReturn(name);
        when(p.getType()).thenReturn(MemoryType.HEAP);
        when(p.getCollectionUsage()).thenReturn(new MemoryUsage(0, usedAfterGc, usedAfterGc, -1));
        return p;
    }
}
