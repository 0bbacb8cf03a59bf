package dev.vernier.core.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vernier.api.internal.Check;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.AlertResolved;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.VernierEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a JSON payload to configured URLs when an alert fires and when it resolves: register it as a
 * listener of an {@link AlertEngine}.
 *
 * <pre>{@code
 * try (AlertWebhooks hooks = AlertWebhooks.builder().url(URI.create("http://127.0.0.1:9000/alerts")).build()) {
 *     AlertEngine alerts = AlertEngine.builder().listener(hooks).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>The payload (schema {@value #PAYLOAD_VERSION}) is one JSON object: {@code version},
 * {@code status} ({@code "firing"} or {@code "resolved"}), {@code alertId}, {@code source},
 * {@code rule} (name, metric, comparator, threshold, unit, forSeconds, severity, abortOnFail),
 * {@code value} (null when there was no data), {@code at} (ISO-8601), for a resolution
 * {@code activeSeconds}, and {@code text}, one line for people (shown by chat tools' incoming
 * webhooks). A 2xx answer is a delivery; an I/O error, a timeout, a 429 or a 5xx answer is retried
 * after a backoff that doubles each time, up to the retry limit; any other answer is a failure.
 *
 * <p>Each delivery is one HTTP/1.1 request on its own socket ({@code Connection: close}; TLS with host
 * name verification for {@code https}); no proxy, no redirect, no connection pool.
 *
 * <p>Thread-safe. A receiver that is down or hangs never slows the caller: {@link #onEvent} only
 * queues the delivery, which runs on the webhooks' own daemon threads; the timeout bounds connecting
 * and each read; at most {@code maxPending} deliveries wait, further ones are dropped and counted.
 * {@link #close()} stops the threads (waiting at most the timeout for a delivery in progress) and
 * counts deliveries still waiting as dropped; no thread is left after it returns.
 */
public final class AlertWebhooks implements RunListener, AutoCloseable {

    /** Version of the JSON payload. */
    public static final int PAYLOAD_VERSION = 1;
    /** Prefix of the delivery threads' names. */
    public static final String THREAD_NAME = "vernier-webhook";

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> urls;
    private final int timeoutMillis;
    private final int maxRetries;
    private final long backoffNanos;
    private final int maxPending;
    private final Map<String, String> headers;
    private final ScheduledThreadPoolExecutor executor;
    /** Every delivery thread started, joined by {@link #close()} (termination is reported a moment earlier). */
    private final java.util.Queue<Thread> threads = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private volatile boolean closed;

    private AlertWebhooks(Builder b) {
        this.urls = List.copyOf(b.urls);
        this.timeoutMillis = (int) Math.max(1, b.timeout.toMillis());
        this.maxRetries = b.maxRetries;
        this.backoffNanos = b.backoff.toNanos();
        this.maxPending = b.maxPending;
        this.headers = Map.copyOf(b.headers);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(b.threads, r -> {
            Thread t = new Thread(r, THREAD_NAME + "-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** @return a builder: timeout 2 s, 2 retries from a 1 s backoff, 100 pending deliveries, 2 threads */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the receivers, in the order given */
    public List<URI> urls() {
        return urls;
    }

    /**
     * Queues a delivery of every {@link AlertEvent} to every URL; other events are ignored. Returns at
     * once.
     *
     * @param event an event
     */
    @Override
    public void onEvent(VernierEvent event) {
        if (!(event instanceof AlertEvent alert)) {
            return;
        }
        byte[] body = payload(alert);
        for (URI url : urls) {
            submit(new Delivery(url, body, alert instanceof AlertFired ? "alert.fired" : "alert.resolved"));
        }
    }

    private void submit(Delivery d) {
        if (closed || pending.incrementAndGet() > maxPending) {
            if (!closed) {
                pending.decrementAndGet();
            }
            dropped.incrementAndGet();
            LOG.warn("webhook {} dropped: {}", d.url, closed ? "the webhooks are closed" : maxPending
                    + " deliveries are already waiting (is the receiver down?)");
            return;
        }
        try {
            executor.execute(() -> attempt(d));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    private void attempt(Delivery d) {
        d.attempts++;
        attempts.incrementAndGet();
        String problem;
        boolean retryable;
        try {
            int status = post(d);
            if (status >= 200 && status < 300) {
                // pending first: whoever sees the outcome counted sees the delivery no longer pending
                pending.decrementAndGet();
                delivered.incrementAndGet();
                return;
            }
            problem = "HTTP " + status;
            retryable = status == 429 || status >= 500;
        } catch (IOException e) {
            problem = e.toString();
            retryable = true;
        }
        if (retryable && d.attempts <= maxRetries && !closed) {
            long delay = backoffNanos << Math.min(20, d.attempts - 1);
            LOG.debug("webhook {} attempt {} failed ({}); retrying in {} ms", d.url, d.attempts, problem,
                    delay / 1_000_000);
            try {
                executor.schedule(() -> attempt(d), delay, TimeUnit.NANOSECONDS);
                return;
            } catch (RejectedExecutionException e) {
                problem += "; closed before the retry";
            }
        }
        pending.decrementAndGet();
        failed.incrementAndGet();
        LOG.warn("webhook {} ({}) failed after {} attempt(s): {}", d.url, d.kind, d.attempts, problem);
    }

    /**
     * One HTTP/1.1 POST on its own socket, closed afterwards: no connection pool, so no stale pooled
     * connection can fail a later delivery, and no JDK keep-alive thread outlives {@link #close()}.
     * The timeout bounds connecting (and the TLS handshake) and each read; only the status line is read.
     */
    private int post(Delivery d) throws IOException {
        URI u = d.url;
        boolean tls = "https".equalsIgnoreCase(u.getScheme());
        int port = u.getPort() > 0 ? u.getPort() : tls ? 443 : 80;
        String host = u.getHost();
        Socket plain = new Socket();
        Socket io = plain;
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                io = ssl;
            }
            String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            StringBuilder req = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                    .append(u.getPort() > 0 ? ":" + port : "").append("\r\n")
                    .append("Content-Type: application/json; charset=utf-8\r\n")
                    .append("Content-Length: ").append(d.body.length).append("\r\n")
                    .append("User-Agent: vernier-alerts/").append(PAYLOAD_VERSION).append("\r\n")
                    .append("X-Vernier-Event: ").append(d.kind).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            OutputStream out = io.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(d.body);
            out.flush();
            return status(io.getInputStream());
        } finally {
            io.close();
            plain.close();
        }
    }

    /** Reads an HTTP status line, e.g. {@code HTTP/1.1 204 No Content}, and returns its code. */
    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() >= 8192) {
                throw new IOException("status line longer than 8192 bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        String[] parts = line.toString().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: '" + line + "'");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: '" + line + "'", e);
        }
    }

    /**
     * @param event an alert event
     * @return the JSON payload posted for it, UTF-8
     */
    public static byte[] payload(AlertEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", PAYLOAD_VERSION);
        root.put("status", event instanceof AlertFired ? "firing" : "resolved");
        root.put("alertId", event.alertId());
        root.put("source", event.suite());
        AlertRule r = event.rule();
        ObjectNode rule = root.putObject("rule");
        rule.put("name", r.name());
        rule.put("metric", r.metric().key());
        rule.put("comparator", r.comparator().symbol());
        rule.put("threshold", r.threshold());
        rule.put("unit", r.metric().unit());
        rule.put("forSeconds", r.forDuration().toNanos() / 1e9);
        rule.put("severity", r.severity().name());
        rule.put("abortOnFail", r.abortOnFail());
        if (Double.isFinite(event.value())) {
            root.put("value", event.value());
        } else {
            root.putNull("value");
        }
        root.put("at", Instant.ofEpochMilli(event.epochMillis()).toString());
        if (event instanceof AlertResolved resolved) {
            root.put("activeSeconds", resolved.activeSeconds());
        } else if (event instanceof AlertFired fired) {
            root.put("heldSeconds", fired.heldSeconds());
        }
        root.put("text", event.describe());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an alert payload", e);
        }
    }

    /** @return what has happened to the deliveries so far */
    public Stats stats() {
        return new Stats(delivered.get(), failed.get(), dropped.get(), attempts.get(), pending.get());
    }

    /**
     * Stops delivering: deliveries still waiting are dropped and counted, a delivery in progress is
     * given at most the timeout to end, and the threads are gone when this returns. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Runnable> waiting = executor.shutdownNow();
        boolean interrupted = false;
        try {
            if (!executor.awaitTermination(timeoutMillis + 1_000L, TimeUnit.MILLISECONDS)) {
                LOG.warn("a webhook delivery did not end within {} ms of close()", timeoutMillis + 1_000L);
            }
            for (Thread t : threads) {
                t.join(1_000);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        int left = pending.getAndSet(0);
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.warn("{} webhook deliveries dropped at close ({} queued)", left, waiting.size());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One event to one URL. Attempts are made one at a time, so the counter needs no guard. */
    private static final class Delivery {
        final URI url;
        final byte[] body;
        final String kind;
        volatile int attempts;

        Delivery(URI url, byte[] body, String kind) {
            this.url = url;
            this.body = body;
            this.kind = kind;
        }
    }

    /**
     * Counts of deliveries (one event to one URL). Immutable and thread-safe.
     *
     * @param delivered answered with 2xx
     * @param failed given up after the last attempt, or answered with a status that is not retried
     * @param dropped never attempted: too many waiting, or the webhooks were closed
     * @param attempts HTTP requests made (a delivery makes 1 to 1 + maxRetries)
     * @param pending queued or being retried now
     */
    public record Stats(long delivered, long failed, long dropped, long attempts, long pending) {
    }

    /** Settings of the webhooks; each checked when given. Not thread-safe. */
    public static final class Builder {
        private final List<URI> urls = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(2);
        private int maxRetries = 2;
        private Duration backoff = Duration.ofSeconds(1);
        private int maxPending = 100;
        private int threads = 2;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param url a receiver, {@code http} or {@code https} with a host
         * @return this builder
         * @throws IllegalArgumentException naming {@code url} and the value
         */
        public Builder url(URI url) {
            Check.notNull("url", url);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("url must be an http or https URL with a host, but was " + url);
            }
            urls.add(url);
            return this;
        }

        /** @param url a receiver, as a string; see {@link #url(URI)} */
        public Builder url(String url) {
            Check.notBlank("url", url);
            try {
                return url(URI.create(url));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("url must")) {
                    throw e;
                }
                throw new IllegalArgumentException("url must be a valid URI, but was '" + url + "'", e);
            }
        }

        /**
         * @param timeout bound on connecting and on each read, 1 ms to 1 min (default 2 s)
         * @return this builder
         * @throws IllegalArgumentException naming {@code timeout} and the value
         */
        public Builder timeout(Duration timeout) {
            Check.positive("timeout", timeout);
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout must be between 1 ms and 1 min, but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param retries attempts after the first, 0 to 10 (default 2)
         * @return this builder
         * @throws IllegalArgumentException naming {@code maxRetries} and the value
         */
        public Builder maxRetries(int retries) {
            if (retries < 0 || retries > 10) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 10, but was " + retries);
            }
            this.maxRetries = retries;
            return this;
        }

        /**
         * @param backoff wait before the first retry, doubled for each further one; positive, at most
         *     1 min (default 1 s)
         * @return this builder
         * @throws IllegalArgumentException naming {@code retryBackoff} and the value
         */
        public Builder retryBackoff(Duration backoff) {
            Check.positive("retryBackoff", backoff);
            if (backoff.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("retryBackoff must be at most 1 min, but was " + backoff);
            }
            this.backoff = backoff;
            return this;
        }

        /**
         * @param max deliveries that may wait at once, 1 to 100,000 (default 100); more are dropped
         * @return this builder
         * @throws IllegalArgumentException naming {@code maxPending} and the value
         */
        public Builder maxPending(int max) {
            if (max < 1 || max > 100_000) {
                throw new IllegalArgumentException("maxPending must be between 1 and 100000, but was " + max);
            }
            this.maxPending = max;
            return this;
        }

        /**
         * @param threads delivery threads, 1 to 16 (default 2): how many receivers may hang at once
         *     before other deliveries wait
         * @return this builder
         * @throws IllegalArgumentException naming {@code threads} and the value
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 16) {
                throw new IllegalArgumentException("threads must be between 1 and 16, but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * @param name a request header sent with every delivery, e.g. {@code Authorization}
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException for a blank name or a value with a line break
         */
        public Builder header(String name, String value) {
            Check.notBlank("header name", name);
            Check.notNull("header value", value);
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                    || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " must not contain a line break");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * @return the webhooks, with their threads started on first use
         * @throws IllegalStateException when no URL was given
         */
        public AlertWebhooks build() {
            if (urls.isEmpty()) {
                throw new IllegalStateException("at least one url must be set");
            }
            return new AlertWebhooks(this);
        }
    }
}
