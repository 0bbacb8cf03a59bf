package dev.vernier.monitor.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's HTTP side on the JDK's {@link HttpServer}: read-only routes (GET and HEAD), an
 * optional bearer token (header, or a cookie set by opening {@code /?token=...} once), a Host check
 * against DNS rebinding while bound to loopback, no CORS headers (same origin only), security headers
 * on every answer, a bound on requests in progress, and {@code Connection: close} on every answer but
 * an event stream, so that open connections stay bounded by requests in progress plus streams.
 *
 * <p>Thread-safe. {@link #close()} stops listening and ends the request threads.
 */
public final class HttpFront implements AutoCloseable {

    /** Prefix of the request threads' names. */
    public static final String THREAD_NAME = "vernier-monitor-http";
    /** Name of the cookie that carries the token for a browser. */
    public static final String COOKIE = "vernier_token";

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** What the routes serve; implemented by the monitor. */
    public interface Backend {
        /** @return {@code GET /api/run} */
        String run();

        /** @return {@code GET /api/snapshot}, or null when there is no point yet */
        String latest();

        /**
         * @param n points wanted, 1 to the capacity
         * @return {@code GET /api/snapshots}
         */
        String last(int n);

        /** @return points kept at most */
        int capacity();

        /** @return {@code GET /api/alerts} */
        String alerts();

        /**
         * Registers a stream whose headers were sent, with its first frames, atomically with respect
         * to publication (no point is missed or sent twice).
         *
         * @param exchange the exchange
         * @param lastEventId the browser's {@code Last-Event-ID}, or -1
         * @return false when no room was left
         */
        boolean openStream(HttpExchange exchange, long lastEventId);

        /** @return whether another stream may be opened */
        boolean streamRoom();

        /**
         * @param accept the request's Accept header, or null
         * @return {content type, body} of a Prometheus scrape, or null when not served
         */
        String[] prometheus(String accept);
    }

    private final HttpServer server;
    private final OwnedThreads threads = new OwnedThreads(THREAD_NAME);
    private final ThreadPoolExecutor executor;
    private final Backend backend;
    private final byte[] token;
    private final Semaphore inProgress;
    private final boolean checkHost;
    private final Set<String> allowedHosts;
    private final String prometheusPath;
    private final Map<String, Asset> assets = new HashMap<>();

    /**
     * Binds and starts serving.
     *
     * @param address where to listen
     * @param token the bearer token, or null for none
     * @param maxRequests requests in progress at most; more are answered 503
     * @param allowedHosts host names accepted in the Host header besides the loopback names (lower case)
     * @param prometheusPath the scrape path, or null
     * @param uplotVersion the WebJar version of uPlot
     * @param backend what to serve
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is in use)
     */
    public HttpFront(InetSocketAddress address, String token, int maxRequests, Set<String> allowedHosts,
                     String prometheusPath, String uplotVersion, Backend backend) {
        this.backend = backend;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.inProgress = new Semaphore(maxRequests);
        this.checkHost = address.getAddress().isLoopbackAddress() || !allowedHosts.isEmpty();
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.prometheusPath = prometheusPath;
        String dash = "/dev/vernier/monitor/dashboard/";
        assets.put("/", asset(dash + "index.html", "text/html; charset=utf-8"));
        assets.put("/index.html", assets.get("/"));
        assets.put("/assets/app.js", asset(dash + "app.js", "text/javascript; charset=utf-8"));
        assets.put("/assets/app.css", asset(dash + "app.css", "text/css; charset=utf-8"));
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion + "/dist/";
        assets.put("/assets/uplot/uPlot.iife.min.js", asset(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
        assets.put("/assets/uplot/uPlot.min.css", asset(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
        // handlers return quickly (a stream is handed to its own writer), so a few threads suffice; when
        // they and the queue are full, the dispatcher runs the request itself: back-pressure, no loss
        this.executor = new ThreadPoolExecutor(2, Math.max(2, Math.min(maxRequests, 8)), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), threads, new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            this.server = HttpServer.create(address, 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private static Asset asset(String path, String type) {
        // the WebJar's files are under META-INF (no package): from the class loader, so that they stay
        // readable once this is a named module; the dashboard's own files through this class
        try (InputStream in = path.startsWith("/META-INF/")
                ? HttpFront.class.getClassLoader().getResourceAsStream(path.substring(1))
                : HttpFront.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the classpath"
                        + (path.contains("webjars") ? " (add org.webjars.npm:uplot)" : ""));
            }
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** @return the bound address (with the actual port when 0 was asked) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) {
        try {
            if (!inProgress.tryAcquire()) {
                text(ex, 503, "too many requests in progress");
                return;
            }
            try {
                route(ex);
            } finally {
                inProgress.release();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("request {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (checkHost && !hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
            text(ex, 403, "host not allowed");
            return;
        }
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            text(ex, 405, "read-only: only GET and HEAD are served");
            return;
        }
        String path = ex.getRequestURI().getPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (token != null) {
            if ("/".equals(path) && query.containsKey("token")) {
                if (matches(query.get("token"))) {
                    // the token leaves the address bar and lives in a cookie the scripts cannot read
                    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + query.get("token")
                            + "; Path=/; HttpOnly; SameSite=Strict");
                    ex.getResponseHeaders().set("Location", "/");
                    send(ex, 303, "text/plain; charset=utf-8", new byte[0], head);
                } else {
                    unauthorized(ex);
                }
                return;
            }
            if (!authorized(ex.getRequestHeaders())) {
                unauthorized(ex);
                return;
            }
        }
        Asset asset = assets.get(path);
        if (asset != null) {
            if (asset.type.startsWith("text/html")) {
                ex.getResponseHeaders().set("Content-Security-Policy", CSP);
            }
            send(ex, 200, asset.type, asset.bytes, head);
            return;
        }
        switch (path) {
            case "/api/run":
                json(ex, 200, backend.run(), head);
                return;
            case "/api/snapshot": {
                String latest = backend.latest();
                if (latest == null) {
                    send(ex, 204, "application/json", new byte[0], head);
                } else {
                    json(ex, 200, latest, head);
                }
                return;
            }
            case "/api/snapshots": {
                int n = backend.capacity();
                String last = query.get("last");
                if (last != null) {
                    try {
                        n = Integer.parseInt(last);
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 1 || n > backend.capacity()) {
                        error(ex, 400, "last must be between 1 and " + backend.capacity() + ", but was '" + last + "'");
                        return;
                    }
                }
                json(ex, 200, backend.last(n), head);
                return;
            }
            case "/api/alerts":
                json(ex, 200, backend.alerts(), head);
                return;
            case "/api/stream":
                stream(ex, head);
                return;
            default:
                if (path.equals(prometheusPath)) {
                    String[] scrape = backend.prometheus(ex.getRequestHeaders().getFirst("Accept"));
                    send(ex, 200, scrape[0], scrape[1].getBytes(StandardCharsets.UTF_8), head);
                    return;
                }
                error(ex, 404, "no such resource: " + path);
        }
    }

    private void stream(HttpExchange ex, boolean head) throws IOException {
        if (!backend.streamRoom()) {
            text(ex, 503, "too many event streams open");
            return;
        }
        long lastId = -1;
        String header = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (header != null) {
            try {
                lastId = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                lastId = -1;
            }
        }
        Headers h = ex.getResponseHeaders();
        security(h);
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("X-Accel-Buffering", "no");
        if (head) {
            h.set("Connection", "close");
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, 0);
        if (!backend.openStream(ex, lastId)) {
            ex.close();
        }
    }

    private boolean hostAllowed(String host) {
        if (host == null) {
            return true; // HTTP/1.0 clients; browsers always send Host
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(0, end + 1);
        } else {
            int colon = name.indexOf(':');
            name = colon < 0 ? name : name.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(name) || allowedHosts.contains(name);
    }

    private boolean authorized(Headers headers) {
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).trim())) {
            return true;
        }
        for (String cookies : headers.getOrDefault("Cookie", java.util.List.of())) {
            for (String c : cookies.split(";")) {
                String kv = c.trim();
                if (kv.startsWith(COOKIE + "=") && matches(kv.substring(COOKIE.length() + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private void unauthorized(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vernier\"");
        text(ex, 401, "a valid bearer token is required");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }

    private static void security(Headers h) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
    }

    private static void json(HttpExchange ex, int status, String body, boolean head) throws IOException {
        send(ex, status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), head);
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        String body = "{\"status\":" + status + ",\"error\":" + Json.quote(message) + "}";
        json(ex, status, body, "HEAD".equals(ex.getRequestMethod()));
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8),
                "HEAD".equals(ex.getRequestMethod()));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, boolean head) throws IOException {
        Headers h = ex.getResponseHeaders();
        security(h);
        h.set("Content-Type", type);
        h.set("Connection", "close");
        if (head || body.length == 0 || status == 204) {
            if (head && body.length > 0) {
                h.set("Content-Length", Integer.toString(body.length));
            }
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    /**
     * Stops listening at once and ends the request threads; open event streams must have been closed
     * first (their connections are closed here in any case). Idempotent.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("monitor request threads did not end within 4 s of close()");
                }
            }
            threads.join(1_000);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private record Asset(byte[] bytes, String type) {
    }
}
