package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats;

/**
 * Network bytes and packets in and out (cumulative counters, all interfaces and per interface as
 * {@code net.<iface>.bytes.out}) and established TCP connections (IPv4 + IPv6), from OSHI.
 *
 * <p>Not thread-safe; the sampler calls it from one thread at a time. The interface list is the one
 * given at construction (loopback included, since benchmarks often run on one host). With no
 * interface, or no TCP statistics (some containers), those metrics are absent.
 */
public final class OshiNetworkSource implements MetricSource {

    private final List<NetworkIF> interfaces;
    private final Supplier<InternetProtocolStats> ipStats;

    /**
     * @param interfaces the interfaces to read, for example {@code hal.getNetworkIFs(true)}
     * @param ipStats OSHI's IP statistics, for example {@code os::getInternetProtocolStats}; may give
     *     {@code null}
     */
    public OshiNetworkSource(List<NetworkIF> interfaces, Supplier<InternetProtocolStats> ipStats) {
        this.interfaces = List.copyOf(Objects.requireNonNull(interfaces, "interfaces"));
        this.ipStats = Objects.requireNonNull(ipStats, "ipStats");
    }

    @Override
    public String name() {
        return "oshi.network";
    }

    @Override
    public void collect(SampleBuilder out) {
        long bytesIn = 0;
        long bytesOut = 0;
        long packetsIn = 0;
        long packetsOut = 0;
        int read = 0;
        for (NetworkIF nif : interfaces) {
            if (!nif.updateAttributes()) {
                continue;
            }
            read++;
            String prefix = "net." + ResourceMetrics.segment(nif.getName()) + ".";
            out.put(prefix + "bytes.in", nif.getBytesRecv());
            out.put(prefix + "bytes.out", nif.getBytesSent());
            out.put(prefix + "packets.in", nif.getPacketsRecv());
            out.put(prefix + "packets.out", nif.getPacketsSent());
            bytesIn += nif.getBytesRecv();
            bytesOut += nif.getBytesSent();
            packetsIn += nif.getPacketsRecv();
            packetsOut += nif.getPacketsSent();
        }
        if (read > 0) {
            out.put(ResourceMetrics.NET_BYTES_IN, bytesIn);
            out.put(ResourceMetrics.NET_BYTES_OUT, bytesOut);
            out.put(ResourceMetrics.NET_PACKETS_IN, packetsIn);
            out.put(ResourceMetrics.NET_PACKETS_OUT, packetsOut);
        } else {
            out.absent(ResourceMetrics.NET_BYTES_IN, "no readable network interface");
            out.absent(ResourceMetrics.NET_BYTES_OUT, "no readable network interface");
            out.absent(ResourceMetrics.NET_PACKETS_IN, "no readable network interface");
            out.absent(ResourceMetrics.NET_PACKETS_OUT, "no readable network interface");
        }
        InternetProtocolStats stats = ipStats.get();
        if (stats == null) {
            out.absent(ResourceMetrics.TCP_ACTIVE, "no TCP statistics on this platform");
            return;
        }
        InternetProtocolStats.TcpStats v4 = stats.getTCPv4Stats();
        InternetProtocolStats.TcpStats v6 = stats.getTCPv6Stats();
        if (v4 == null && v6 == null) {
            out.absent(ResourceMetrics.TCP_ACTIVE, "no TCP statistics on this platform");
            return;
        }
        long established = (v4 == null ? 0 : v4.getConnectionsEstablished())
                + (v6 == null ? 0 : v6.getConnectionsEstablished());
        out.put(ResourceMetrics.TCP_ACTIVE, established);
    }
}
