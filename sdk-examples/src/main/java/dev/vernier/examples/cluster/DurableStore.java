package dev.vernier.examples.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The durable part of one node: objects kept here survive a crash and are handed to the node's next
 * incarnation, everything else of the node is lost. Writing to it costs time through {@link #sync}:
 * the calling node thread is kept busy (parked, not free to run other tasks) for the cost given by
 * the {@link DiskConfig}, so batching writes amortises the fixed cost.
 *
 * <p>Protocol code must call {@link #sync} after changing durable objects and before acting on the
 * change (e.g. acknowledging). Only the owning node's thread touches the durable objects; the store
 * itself is thread-safe.
 */
public final class DurableStore implements AutoCloseable {

    private final DiskConfig disk;
    private final Path file;
    private final Map<String, Object> slots = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong writtenBytes = new AtomicLong();
    private FileChannel channel;

    DurableStore(DiskConfig disk, String nodeId) {
        this.disk = disk;
        if (disk.realFsync()) {
            try {
                this.file = Files.createTempFile("vernier-" + nodeId + "-", ".log");
                this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the durable log file of " + nodeId, e);
            }
        } else {
            this.file = null;
        }
    }

    /**
     * @param key name of a durable object
     * @param initial creates it the first time
     * @param <T> its type
     * @return the durable object, the same instance across incarnations of the node
     */
    @SuppressWarnings("unchecked")
    public <T> T slot(String key, Supplier<T> initial) {
        return (T) slots.computeIfAbsent(key, k -> initial.get());
    }

    /**
     * Makes the latest changes durable: one synchronised write of {@code bytes} bytes. Blocks the
     * calling (node) thread for the modelled cost; returns early if the thread is interrupted (the
     * node is crashing).
     *
     * @param bytes bytes written, 0 or more
     */
    public void sync(long bytes) {
        writes.incrementAndGet();
        writtenBytes.addAndGet(bytes);
        long deadline = System.nanoTime() + disk.costNanos(bytes);
        if (channel != null) {
            realWrite(bytes);
        }
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private synchronized void realWrite(long bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.max(bytes, 1), 1 << 20));
            channel.write(buffer);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("fsync of " + file + " failed", e);
        }
    }

    /** @return synchronised writes so far */
    public long writes() {
        return writes.get();
    }

    /** @return bytes written so far */
    public long writtenBytes() {
        return writtenBytes.get();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: a temp file left behind is harmless
            }
            channel = null;
        }
    }
}
