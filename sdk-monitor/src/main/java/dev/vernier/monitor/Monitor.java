package dev.vernier.monitor;

import com.sun.net.httpserver.HttpExchange;
import dev.vernier.api.NanoClock;
import dev.vernier.api.internal.Check;
import dev.vernier.core.alert.AlertEngine;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSample;
import dev.vernier.core.alert.AlertWebhooks;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.LoadVerdict;
import dev.vernier.core.event.PhaseEnded;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.RunWarning;
import dev.vernier.core.event.TuningEvent;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import dev.vernier.monitor.internal.HttpFront;
import dev.vernier.monitor.internal.Json;
import dev.vernier.monitor.internal.OwnedThreads;
import dev.vernier.monitor.internal.PointLog;
import dev.vernier.monitor.internal.PrometheusScrape;
import dev.vernier.monitor.internal.ResourceProbe;
import dev.vernier.monitor.internal.SseHub;
import dev.vernier.monitor.internal.Views;
import dev.vernier.monitor.micrometer.VernierMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live performance monitor: a dashboard, a REST API and a Server-Sent Events stream on the JDK's
 * HTTP server, alert rules with webhooks, and Vernier's figures in Micrometer (and Prometheus).
 *
 * <pre>{@code
 * try (Monitor monitor = Monitor.builder().port(8080).start();            // http://127.0.0.1:8080/
 *      Vernier vernier = Vernier.builder().register(raft).listener(monitor).build()) {
 *     System.out.println("dashboard: " + monitor.url());
 *     vernier.run("raft", scenario);
 * }
 * }</pre>
 *
 * <p><b>Feeds.</b> As a {@link RunListener} the monitor turns each {@link IntervalSnapshot} of a run
 * into a point and follows its phases and tuning steps. Given an {@link OperationRecorder}, it samples
 * the node's own traffic on its own thread every sample interval (default one second), one window per
 * point. Its sampler also reads the process's CPU and heap; while no traffic is reported it publishes
 * resource-only ("idle") points, so the dashboard never freezes. Every point is evaluated by the
 * monitor's {@link AlertEngine} (the five default rules unless told otherwise), kept in a ring of the
 * last {@code history} points (default 100), streamed to dashboards and published to Micrometer.
 *
 * <p><b>Security defaults.</b> Binds 127.0.0.1 only; port 8080 (0 for any free port). Only GET and
 * HEAD; no CORS headers (same origin only); a Host check against DNS rebinding while on loopback; an
 * optional bearer token, required on every route when set (a browser opens {@code /?token=...} once
 * and keeps it in an HttpOnly, SameSite=Strict cookie); binding another address without a token is
 * refused unless {@link Builder#allowRemoteWithoutToken()}. At most {@code maxRequests} requests in
 * progress and {@code maxStreams} streams; every other answer closes its connection.
 *
 * <p>Thread-safe. {@link #onEvent} returns quickly (no I/O, no lock held by a slow browser) and may be
 * called from the run's thread while dashboards are connected. The monitor owns its threads (sampler,
 * HTTP, stream writers, webhooks): {@link #close()} ends them all and stops listening; nothing is
 * left running or listening after it returns.
 */
public final class Monitor implements RunListener, AutoCloseable {

    /** Version of the monitor's JSON (points, run info, alerts). */
    public static final int JSON_VERSION = 1;
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** Name of the sampling thread. */
    public static final String THREAD_NAME = "vernier-monitor-sampler";

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
    private static final int MAX_EVENTS = 50;
    private static final String UPLOT_FALLBACK_VERSION = "1.6.30";

    private final NanoClock clock;
    private final Clock wallClock;
    private final long startNanos;
    private final long startMillis;
    private final long periodNanos;
    private final String title;
    private final PointLog log;
    private final AlertEngine alerts;
    private final AlertWebhooks webhooks;
    private final VernierMeters meters;
    private final PrometheusScrape prometheus;
    private final String prometheusPath;
    private final ResourceProbe probe;
    private final String recorderName;
    private final OperationRecorder recorder;
    private final SseHub hub;
    private final HttpFront front;
    private final ScheduledExecutorService sampler;
    private final OwnedThreads samplerThread = new OwnedThreads(THREAD_NAME);
    private final String token;

    /** Guards the state below, the point log's order, and publication to streams. */
    private final Object lock = new Object();
    /** Serialises recorder windows (taken outside {@link #lock}, as they may be costly). */
    private final Object windowLock = new Object();
    private long seq;
    private long lastTrafficNanos = Long.MIN_VALUE;
    private double lastRunIntervalNanos;
    private Recording lastRecording;
    private ResourceProbe.Reading resources = ResourceProbe.Reading.NONE;
    private String suite;
    private String scenario;
    private String phase;
    private String lastPhase;
    private boolean warmup;
    private String tuning;
    private boolean runFeed;
    private final ArrayDeque<RunInfo.Event> events = new ArrayDeque<>();
    private volatile boolean closed;

    private Monitor(Builder b) {
        this.clock = b.clock;
        this.wallClock = b.wallClock;
        this.startNanos = clock.nanoTime();
        this.startMillis = wallClock.millis();
        this.periodNanos = b.sampleInterval.toNanos();
        this.title = b.title;
        this.log = new PointLog(b.history);
        this.probe = b.probe != null ? b.probe : ResourceProbe.jvm();
        this.recorderName = b.recorderName;
        this.recorder = b.recorder;
        this.token = b.token;
        this.webhooks = b.webhookUrls.isEmpty() ? null : webhooks(b);
        PrometheusScrape scrape = null;
        MeterRegistry registry = b.registry;
        if (b.prometheus) {
            if (!PrometheusScrape.available()) {
                throw new IllegalStateException("prometheus needs io.micrometer:micrometer-registry-prometheus on the"
                        + " classpath");
            }
            scrape = PrometheusScrape.of(registry);
            if (registry == null) {
                registry = scrape.registry();
            } else if (scrape.owned()) {
                registry = new io.micrometer.core.instrument.composite.CompositeMeterRegistry(
                        io.micrometer.core.instrument.Clock.SYSTEM, List.of(registry, scrape.registry()));
            }
        }
        this.prometheus = scrape;
        this.prometheusPath = scrape == null ? null : b.prometheusPath;
        this.meters = registry == null ? null : VernierMeters.builder(registry).build();
        AlertEngine.Builder ab = AlertEngine.builder().rules(b.rules).clock(clock).wallClock(wallClock)
                .listener(this::alerted);
        if (webhooks != null) {
            ab.listener(webhooks);
        }
        b.alertListeners.forEach(ab::listener);
        if (b.abortAction != null) {
            ab.abortAction(b.abortAction);
        }
        this.alerts = ab.build();
        if (recorder != null) {
            lastRecording = recorder.snapshot();
        }
        SseHub h = null;
        HttpFront f = null;
        ScheduledExecutorService s = null;
        try {
            if (b.serveHttp) {
                h = new SseHub(b.maxStreams, 4 * b.history + 64, 15_000);
                f = new HttpFront(new InetSocketAddress(b.bindAddress, b.port), b.token, b.maxRequests,
                        b.allowedHosts, prometheusPath, uplotVersion(), new Backend());
            }
            if (b.ownThread) {
                s = Executors.newSingleThreadScheduledExecutor(samplerThread);
            }
        } catch (RuntimeException e) {
            if (h != null) {
                h.close();
            }
            if (webhooks != null) {
                webhooks.close();
            }
            if (prometheus != null) {
                prometheus.close();
            }
            throw e;
        }
        this.hub = h;
        this.front = f;
        this.sampler = s;
        if (sampler != null) {
            sampler.scheduleAtFixedRate(this::sampleSafely, 0, periodNanos, TimeUnit.NANOSECONDS);
        }
        if (front != null) {
            LOG.info("Vernier monitor listening on {}", url());
        }
    }

    private static AlertWebhooks webhooks(Builder b) {
        AlertWebhooks.Builder wb = AlertWebhooks.builder();
        b.webhookUrls.forEach(wb::url);
        return wb.build();
    }

    /** @return a builder: 127.0.0.1:8080, no token, the default alert rules, a one-second sampler */
    public static Builder builder() {
        return new Builder();
    }

    /** @return 32 random bytes from {@link SecureRandom}, base64url without padding: a good bearer token */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @return the dashboard's address, e.g. {@code http://127.0.0.1:8080/} (a wildcard bind is shown as
     *     127.0.0.1)
     * @throws IllegalStateException when the monitor does not serve HTTP
     */
    public URI url() {
        InetSocketAddress a = address();
        InetAddress ip = a.getAddress();
        String host = ip.isAnyLocalAddress() ? "127.0.0.1"
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /**
     * @return the address to open in a browser: {@link #url()}, with {@code ?token=...} when a token is
     *     set (opening it once stores the token in a cookie and removes it from the address bar)
     */
    public URI browserUrl() {
        return token == null ? url() : URI.create(url() + "?token=" + token);
    }

    /**
     * @return the bound address (with the actual port when 0 was asked)
     * @throws IllegalStateException when the monitor does not serve HTTP
     */
    public InetSocketAddress address() {
        if (front == null) {
            throw new IllegalStateException("this monitor does not serve HTTP (serveHttp(false))");
        }
        return front.address();
    }

    /** @return the monitor's alert engine: its rules, active alerts and history */
    public AlertEngine alerts() {
        return alerts;
    }

    /** @return the Micrometer bridge, when a registry or Prometheus was configured */
    public Optional<VernierMeters> meters() {
        return Optional.ofNullable(meters);
    }

    /** @return the newest point, if any */
    public Optional<MonitorPoint> latest() {
        return Optional.ofNullable(log.latest());
    }

    /**
     * @param n how many, at most
     * @return the newest {@code n} points kept, oldest first
     */
    public List<MonitorPoint> points(int n) {
        return log.last(n);
    }

    /** @return what the monitor knows of the run now */
    public RunInfo runInfo() {
        synchronized (lock) {
            return info();
        }
    }

    private RunInfo info() {
        List<String> feeds = new ArrayList<>();
        if (runFeed) {
            feeds.add("run");
        }
        if (recorder != null) {
            feeds.add("recorder:" + recorderName);
        }
        return new RunInfo(JSON_VERSION, title, startMillis, (clock.nanoTime() - startNanos) / 1e9, suite, scenario,
                phase, lastPhase, warmup, tuning, feeds, periodNanos / 1_000_000, log.capacity(), seq,
                hub == null ? 0 : hub.size(), prometheusPath, List.copyOf(events));
    }

    /**
     * Follows a run: each interval snapshot becomes a point (evaluated by the alert rules), phases and
     * tuning steps update the run info. Returns quickly; never throws.
     *
     * @param event an event of a run
     */
    @Override
    public void onEvent(VernierEvent event) {
        if (closed || event == null || event instanceof AlertEvent) {
            return;
        }
        try {
            synchronized (lock) {
                if (event instanceof IntervalSnapshot s) {
                    snapshot(s);
                } else if (event instanceof PhaseStarted p) {
                    suite = p.suite();
                    scenario = p.scenario();
                    phase = p.phase().name();
                    lastPhase = phase;
                    runEvent("phase", p.phase() + " phase of " + p.scenario() + " started on " + p.suite());
                } else if (event instanceof PhaseEnded p) {
                    phase = null;
                    runEvent("phase", String.format(Locale.ROOT, "%s phase of %s ended after %.1f s", p.phase(),
                            p.scenario(), p.elapsedSeconds()));
                } else if (event instanceof TuningEvent t) {
                    tuning = t.describe();
                    runEvent("tuning", tuning);
                } else if (event instanceof LoadVerdict v) {
                    runEvent("verdict", v.phase() + (v.nodes() > 0 ? " at " + v.nodes() + " nodes" : "") + ": "
                            + v.health().verdict());
                } else if (event instanceof RunWarning w) {
                    runEvent("warning", w.warning().toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("monitor failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    private void snapshot(IntervalSnapshot s) {
        long now = clock.nanoTime();
        runFeed = true;
        suite = s.suite();
        scenario = s.scenario();
        phase = s.phase().name();
        lastPhase = phase;
        warmup = s.warmup();
        lastTrafficNanos = now;
        lastRunIntervalNanos = s.intervalSeconds() * 1e9;
        ResourceProbe.Reading r = resources;
        double cpu = s.processCpuPercent() != null ? s.processCpuPercent() : r.cpuPercent();
        double heapUsed = s.heapUsedBytes() != null ? s.heapUsedBytes() : r.heapUsedBytes();
        double memory = AlertSample.memoryPercent(heapUsed, r.heapMaxBytes());
        double errorRate = AlertSample.errorRatePercent(s);
        MonitorPoint p = new MonitorPoint(++seq, wallClock.millis(), (now - startNanos) / 1e9, MonitorPoint.RUN,
                s.suite(), s.phase().name(), s.warmup(), s.intervalSeconds(), f(s.throughputOpsPerSecond()),
                f(s.targetOpsPerSecond()), AlertSample.committed(s), s.errors(),
                f(errorRate), s.inFlight(), f(s.p50Ms()), f(s.p95Ms()), f(s.p99Ms()), f(s.maxMs()), f(cpu),
                f(heapUsed), f(r.heapMaxBytes()), f(memory));
        if (meters != null) {
            meters.record(s);
        }
        publish(p, AlertSample.of(s, r.heapMaxBytes()).withResources(cpu, memory));
    }

    /**
     * Takes one sample now on the calling thread: reads CPU and heap and, with a recorder, the window
     * since the previous sample, which becomes a point. Without a recorder, a resource-only point is
     * published only while no run snapshot arrived for 1.5 sample (or snapshot) intervals. The
     * monitor's own thread calls this every sample interval; call it yourself with
     * {@link Builder#sampleOnOwnThread(boolean) sampleOnOwnThread(false)}.
     *
     * @return the point published, if any
     * @throws IllegalStateException when the monitor is closed
     */
    public Optional<MonitorPoint> sampleNow() {
        if (closed) {
            throw new IllegalStateException("the monitor is closed");
        }
        ResourceProbe.Reading r = probe.read();
        if (recorder != null) {
            synchronized (windowLock) {
                Recording snap = recorder.snapshot();
                Recording window = snap.since(lastRecording);
                lastRecording = snap;
                if (meters != null) {
                    meters.record(recorderName, window);
                }
                synchronized (lock) {
                    resources = r;
                    return Optional.of(recorderPoint(window, r));
                }
            }
        }
        synchronized (lock) {
            resources = r;
            long now = clock.nanoTime();
            double quiet = 1.5 * Math.max(periodNanos, lastRunIntervalNanos);
            if (lastTrafficNanos != Long.MIN_VALUE && now - lastTrafficNanos < quiet) {
                return Optional.empty();
            }
            MonitorPoint p = new MonitorPoint(++seq, wallClock.millis(), (now - startNanos) / 1e9, MonitorPoint.IDLE,
                    suite, phase, false, null, null, null, null, null, null, null, null, null, null, null,
                    f(r.cpuPercent()), f(r.heapUsedBytes()), f(r.heapMaxBytes()), f(r.memoryPercent()));
            String source = suite != null ? suite : title;
            publish(p, new AlertSample(source, periodNanos / 1e9, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    r.cpuPercent(), r.memoryPercent()));
            return Optional.of(p);
        }
    }

    private MonitorPoint recorderPoint(Recording window, ResourceProbe.Reading r) {
        long now = clock.nanoTime();
        lastTrafficNanos = now;
        AlertSample sample = AlertSample.of(recorderName, window).withResources(r.cpuPercent(), r.memoryPercent());
        Recording.TypeRecording all = window.all();
        MonitorPoint p = new MonitorPoint(++seq, wallClock.millis(), (now - startNanos) / 1e9, MonitorPoint.RECORDER,
                recorderName, phase, false, window.seconds(), f(sample.throughputOpsPerSecond()), null, all.committed(),
                all.failed(), f(sample.errorRatePercent()), null, f(sample.p50Ms()), f(sample.p95Ms()),
                f(sample.p99Ms()), f(sample.maxMs()), f(r.cpuPercent()), f(r.heapUsedBytes()), f(r.heapMaxBytes()),
                f(r.memoryPercent()));
        publish(p, sample);
        return p;
    }

    private void sampleSafely() {
        try {
            if (!closed) {
                sampleNow();
            }
        } catch (RuntimeException e) {
            LOG.warn("monitor sample failed", e);
        }
    }

    /** Keeps, streams and evaluates a point. Caller holds {@link #lock}. */
    private void publish(MonitorPoint p, AlertSample sample) {
        log.add(p);
        if (hub != null) {
            hub.broadcast(SseHub.frame(p.seq(), "point", Json.write(p)));
        }
        alerts.evaluate(sample);
        if (hub != null) {
            hub.broadcast(SseHub.frame(-1, "rules", Json.write(Views.Alerts.of(alerts).rules())));
        }
    }

    /** The alert engine's listener: streams the event and publishes it to Micrometer. */
    private void alerted(VernierEvent e) {
        AlertEvent a = (AlertEvent) e;
        if (meters != null) {
            meters.alert(a);
        }
        if (hub != null) {
            hub.broadcast(SseHub.frame(-1, "alert", Json.write(Views.AlertView.of(a))));
        }
    }

    private void runEvent(String kind, String text) {
        if (events.size() >= MAX_EVENTS) {
            events.removeFirst();
        }
        events.addLast(new RunInfo.Event(wallClock.millis(), kind, text));
        if (hub != null) {
            hub.broadcast(SseHub.frame(-1, "run", Json.write(info())));
        }
    }

    private static Double f(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String uplotVersion() {
        try (InputStream in = Monitor.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", UPLOT_FALLBACK_VERSION);
            }
        } catch (IOException e) {
            LOG.debug("cannot read uPlot's version: {}", e.toString());
        }
        return UPLOT_FALLBACK_VERSION;
    }

    /**
     * Stops sampling, closes the streams, stops listening, ends every thread the monitor started and
     * closes the webhooks it made (deliveries still waiting are dropped). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sampler != null) {
            sampler.shutdownNow();
            try {
                if (!sampler.awaitTermination(5, TimeUnit.SECONDS) || !samplerThread.join(1_000)) {
                    LOG.warn("monitor sampler did not end within 5 s of close()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (hub != null) {
            hub.close();
        }
        if (front != null) {
            front.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /** What the HTTP routes serve. */
    private final class Backend implements HttpFront.Backend {
        @Override
        public String run() {
            return Json.write(runInfo());
        }

        @Override
        public String latest() {
            MonitorPoint p = log.latest();
            return p == null ? null : Json.write(p);
        }

        @Override
        public String last(int n) {
            return Json.write(log.last(n));
        }

        @Override
        public int capacity() {
            return log.capacity();
        }

        @Override
        public String alerts() {
            return Json.write(Views.Alerts.of(alerts));
        }

        @Override
        public boolean streamRoom() {
            return hub.hasRoom();
        }

        @Override
        public boolean openStream(HttpExchange exchange, long lastEventId) {
            synchronized (lock) {
                List<MonitorPoint> points = lastEventId >= 0 ? log.after(lastEventId) : log.last(log.capacity());
                Map<String, Object> init = new LinkedHashMap<>();
                init.put("run", info());
                init.put("points", points);
                init.put("alerts", Views.Alerts.of(alerts));
                long id = seq > 0 ? seq : -1;
                return hub.open(exchange, List.of("retry: 2000\n\n", SseHub.frame(id, "init", Json.write(init))));
            }
        }

        @Override
        public String[] prometheus(String accept) {
            return prometheus.scrape(accept);
        }
    }

    /** Settings of a monitor; each checked when given, conflicts at {@link #start()}. Not thread-safe. */
    public static final class Builder {
        private InetAddress bindAddress = loopback();
        private int port = DEFAULT_PORT;
        private String token;
        private boolean remoteWithoutToken;
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private String title = "Vernier";
        private int history = 100;
        private Duration sampleInterval = Duration.ofSeconds(1);
        private boolean ownThread = true;
        private boolean serveHttp = true;
        private int maxStreams = 8;
        private int maxRequests = 16;
        private List<AlertRule> rules = AlertRule.defaults();
        private final List<RunListener> alertListeners = new ArrayList<>();
        private Consumer<String> abortAction;
        private final List<URI> webhookUrls = new ArrayList<>();
        private MeterRegistry registry;
        private boolean prometheus;
        private String prometheusPath = "/metrics";
        private String recorderName;
        private OperationRecorder recorder;
        private NanoClock clock = NanoClock.system();
        private Clock wallClock = Clock.systemUTC();
        private ResourceProbe probe;

        private Builder() {
        }

        private static InetAddress loopback() {
            try {
                return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * @param address the interface to listen on (default 127.0.0.1); another than loopback needs a
         *     bearer token or {@link #allowRemoteWithoutToken()}
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Check.notNull("bindAddress", address);
            return this;
        }

        /**
         * @param port 0 to 65535 (default 8080); 0 picks any free port ({@link Monitor#address()} tells)
         * @return this builder
         * @throws IllegalArgumentException naming {@code port} and the value
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param token required as {@code Authorization: Bearer <token>} (or its cookie) on every route;
         *     16 to 512 characters among letters, digits and {@code -._~+/=} (see {@link Monitor#randomToken()})
         * @return this builder
         * @throws IllegalArgumentException naming {@code bearerToken} and what is wrong (never the value)
         */
        public Builder bearerToken(String token) {
            Check.notNull("bearerToken", token);
            if (token.length() < 16 || token.length() > 512) {
                throw new IllegalArgumentException("bearerToken must have 16 to 512 characters, but had "
                        + token.length());
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "-._~+/=".indexOf(c) >= 0;
                if (!ok) {
                    throw new IllegalArgumentException("bearerToken must contain only letters, digits and -._~+/=,"
                            + " but had a character at index " + i);
                }
            }
            this.token = token;
            return this;
        }

        /** Allows binding a non-loopback address without a bearer token: anyone who can reach it reads it. */
        public Builder allowRemoteWithoutToken() {
            this.remoteWithoutToken = true;
            return this;
        }

        /**
         * @param host a host name browsers may use besides localhost, 127.0.0.1 and [::1] (checked
         *     against the Host header, against DNS rebinding)
         * @return this builder
         */
        public Builder allowedHost(String host) {
            Check.notBlank("allowedHost", host);
            allowedHosts.add(host.trim().toLowerCase(Locale.ROOT));
            return this;
        }

        /** @param title the dashboard's title (default "Vernier") */
        public Builder title(String title) {
            this.title = Check.notBlank("title", title);
            return this;
        }

        /**
         * @param points points kept and sent to a dashboard on load, 1 to 10,000 (default 100)
         * @return this builder
         * @throws IllegalArgumentException naming {@code history} and the value
         */
        public Builder history(int points) {
            if (points < 1 || points > 10_000) {
                throw new IllegalArgumentException("history must be between 1 and 10000, but was " + points);
            }
            this.history = points;
            return this;
        }

        /**
         * @param interval period of the sampler (resources, recorder windows), 100 ms to 60 s (default 1 s)
         * @return this builder
         * @throws IllegalArgumentException naming {@code sampleInterval} and the value
         */
        public Builder sampleInterval(Duration interval) {
            Check.positive("sampleInterval", interval);
            if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("sampleInterval must be between 100 ms and 60 s, but was " + interval);
            }
            this.sampleInterval = interval;
            return this;
        }

        /**
         * @param own whether the monitor samples on its own thread (default true); false leaves
         *     {@link Monitor#sampleNow()} to the caller (a node's own scheduler, a test)
         * @return this builder
         */
        public Builder sampleOnOwnThread(boolean own) {
            this.ownThread = own;
            return this;
        }

        /**
         * @param serve whether to start the HTTP server (default true); false keeps alerts, webhooks and
         *     Micrometer only
         * @return this builder
         */
        public Builder serveHttp(boolean serve) {
            this.serveHttp = serve;
            return this;
        }

        /**
         * @param max event streams (dashboards) open at once, 1 to 256 (default 8); more are answered 503
         * @return this builder
         * @throws IllegalArgumentException naming {@code maxStreams} and the value
         */
        public Builder maxStreams(int max) {
            if (max < 1 || max > 256) {
                throw new IllegalArgumentException("maxStreams must be between 1 and 256, but was " + max);
            }
            this.maxStreams = max;
            return this;
        }

        /**
         * @param max requests in progress at once, 1 to 1024 (default 16); more are answered 503
         * @return this builder
         * @throws IllegalArgumentException naming {@code maxRequests} and the value
         */
        public Builder maxRequests(int max) {
            if (max < 1 || max > 1024) {
                throw new IllegalArgumentException("maxRequests must be between 1 and 1024, but was " + max);
            }
            this.maxRequests = max;
            return this;
        }

        /**
         * @param rules the alert rules, replacing the {@link AlertRule#defaults() defaults}; may be empty
         * @return this builder
         */
        public Builder alertRules(List<AlertRule> rules) {
            AlertEngine.builder().rules(rules); // the engine's checks: non-null, unique names
            this.rules = List.copyOf(rules);
            return this;
        }

        /** @param listener also receives every alert event (fired, resolved), in order */
        public Builder alertListener(RunListener listener) {
            alertListeners.add(Check.notNull("alertListener", listener));
            return this;
        }

        /**
         * @param action called with a reason when an abort-on-fail rule fires, e.g.
         *     {@code vernier::abort}; without one such a firing is only logged
         * @return this builder
         */
        public Builder abortAction(Consumer<String> action) {
            this.abortAction = Check.notNull("abortAction", action);
            return this;
        }

        /**
         * @param url a receiver of alert webhooks (JSON POST on fire and resolve; see {@link AlertWebhooks}
         *     for the payload, timeout 2 s, 2 retries); the monitor owns and closes them
         * @return this builder
         * @throws IllegalArgumentException for a URL that is not http or https
         */
        public Builder webhook(URI url) {
            AlertWebhooks.builder().url(url); // validates
            webhookUrls.add(url);
            return this;
        }

        /**
         * @param registry the node's Micrometer registry: Vernier's figures are published to it
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Check.notNull("meterRegistry", registry);
            return this;
        }

        /**
         * @param on whether to serve a Prometheus scrape at {@code /metrics} (default false): of the node's
         *     registry when it is (or contains) a {@code PrometheusMeterRegistry}, else of the monitor's
         *     own; needs {@code io.micrometer:micrometer-registry-prometheus}
         * @return this builder
         */
        public Builder prometheus(boolean on) {
            this.prometheus = on;
            return this;
        }

        /**
         * @param name the node's name for its points and alerts
         * @param recorder the node's own recorder: sampled every sample interval, one window per point
         * @return this builder
         */
        public Builder recorder(String name, OperationRecorder recorder) {
            this.recorderName = Check.notBlank("recorder name", name);
            this.recorder = Check.notNull("recorder", recorder);
            return this;
        }

        /** @param clock the clock of points and alert durations (default {@link NanoClock#system()}) */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /** @param wallClock the clock of the wall-clock times shown (default UTC system clock) */
        public Builder wallClock(Clock wallClock) {
            this.wallClock = Check.notNull("wallClock", wallClock);
            return this;
        }

        /** For tests: the source of CPU and heap figures. */
        Builder resourceProbe(ResourceProbe probe) {
            this.probe = Check.notNull("resourceProbe", probe);
            return this;
        }

        /**
         * Starts the monitor: binds the server and starts sampling.
         *
         * @return the running monitor; close it
         * @throws IllegalStateException for a non-loopback address without a token (and without
         *     {@link #allowRemoteWithoutToken()}), or Prometheus without its library
         * @throws java.io.UncheckedIOException when the port cannot be bound
         */
        public Monitor start() {
            if (serveHttp && !bindAddress.isLoopbackAddress() && token == null && !remoteWithoutToken) {
                throw new IllegalStateException("bindAddress " + bindAddress.getHostAddress() + " is not loopback: set"
                        + " a bearerToken, or allowRemoteWithoutToken() to serve the figures to the network openly");
            }
            if (prometheus && !serveHttp) {
                throw new IllegalStateException("prometheus needs the HTTP server, but serveHttp is false");
            }
            return new Monitor(this);
        }
    }
}
