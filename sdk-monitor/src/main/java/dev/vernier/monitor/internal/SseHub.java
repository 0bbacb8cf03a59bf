package dev.vernier.monitor.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent Events streams: each has a bounded queue of frames and its own writer task,
 * so that a slow or stalled browser never delays the publisher or the other streams. A stream whose
 * queue overflows is closed (the browser reconnects and catches up through {@code Last-Event-ID}).
 *
 * <p>Thread-safe. {@link #close()} closes every stream and ends the writer threads.
 */
public final class SseHub implements AutoCloseable {

    /** Prefix of the writer threads' names. */
    public static final String THREAD_NAME = "vernier-monitor-sse";
    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);
    private static final String HEARTBEAT = ": keep-alive\n\n";
    private static final String CLOSE = "";

    private final int maxStreams;
    private final int queueCapacity;
    private final long heartbeatMillis;
    private final OwnedThreads threads = new OwnedThreads(THREAD_NAME);
    private final ThreadPoolExecutor writers;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param maxStreams streams open at once at most
     * @param queueCapacity frames waiting per stream at most
     * @param heartbeatMillis a comment is sent on a stream idle this long, ms
     */
    public SseHub(int maxStreams, int queueCapacity, long heartbeatMillis) {
        this.maxStreams = maxStreams;
        this.queueCapacity = queueCapacity;
        this.heartbeatMillis = heartbeatMillis;
        this.writers = new ThreadPoolExecutor(0, maxStreams, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /**
     * Formats one event.
     *
     * @param id the event id, or a negative number for none
     * @param event the event name
     * @param json the data, one line of JSON
     * @return the frame
     */
    public static String frame(long id, String event, String json) {
        return (id >= 0 ? "id: " + id + "\n" : "") + "event: " + event + "\ndata: " + json + "\n\n";
    }

    /** @return whether another stream may be opened now */
    public boolean hasRoom() {
        return !closed && open.get() < maxStreams;
    }

    /**
     * Takes over an exchange whose response headers have been sent, writes the first frames, then
     * every broadcast frame until the browser goes away or the hub closes.
     *
     * @param exchange the exchange (its response body is the stream)
     * @param first frames to write first
     * @return false when no room was left (the caller answers 503)
     */
    public boolean open(HttpExchange exchange, List<String> first) {
        if (closed || open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            return false;
        }
        Stream s = new Stream(exchange, Math.max(queueCapacity, first.size() + 1));
        first.forEach(s.queue::offer);
        streams.add(s);
        try {
            writers.execute(s::run);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            s.close();
            streams.remove(s);
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    /** @param frame a frame for every open stream */
    public void broadcast(String frame) {
        for (Stream s : streams) {
            if (!s.queue.offer(frame)) {
                LOG.debug("an event stream fell {} frames behind; closing it (the browser reconnects)", queueCapacity);
                s.close();
            }
        }
    }

    /** @return streams open now */
    public int size() {
        return open.get();
    }

    /**
     * Closes every stream and ends the writer threads (a writer blocked on a browser that stopped
     * reading is interrupted, which closes its connection); idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (Stream s : streams) {
            s.close();
        }
        writers.shutdown();
        try {
            if (!writers.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            if (!writers.awaitTermination(5, TimeUnit.SECONDS) || !threads.join(1_000)) {
                LOG.warn("event stream writers did not end within 5 s of close()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One browser's stream; its writer thread alone writes to and closes the exchange. */
    private final class Stream {
        final HttpExchange exchange;
        final BlockingQueue<String> queue;
        private final AtomicInteger state = new AtomicInteger(); // 0 open, 1 closing

        Stream(HttpExchange exchange, int capacity) {
            this.exchange = exchange;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void run() {
            try {
                OutputStream out = exchange.getResponseBody();
                while (state.get() == 0 && !closed) {
                    String f = queue.poll(heartbeatMillis, TimeUnit.MILLISECONDS);
                    if (f == CLOSE) {
                        break;
                    }
                    out.write((f == null ? HEARTBEAT : f).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                LOG.debug("event stream ended: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
                try {
                    exchange.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing an event stream failed: {}", e.toString());
                }
                open.decrementAndGet();
            }
        }

        /**
         * Asks the writer to end. Never blocks: a writer stuck writing to a browser that stopped
         * reading is ended by {@link SseHub#close()} (an interrupt closes its channel).
         */
        void close() {
            if (state.compareAndSet(0, 1)) {
                streams.remove(this);
                queue.clear();
                queue.offer(CLOSE);
            }
        }
    }
}
