package dev.vernier.examples.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Test helper: records every apply of every replica and notes any two different entries at one index. */
public final class ApplyRecorder implements ApplyListener {

    private final Map<Long, Long> firstByIndex = new ConcurrentHashMap<>();
    private final List<String> conflicts = new CopyOnWriteArrayList<>();
    private final AtomicLong applies = new AtomicLong();

    @Override
    public void applied(String nodeId, long index, long entryId) {
        applies.incrementAndGet();
        Long previous = firstByIndex.putIfAbsent(index, entryId);
        if (previous != null && previous != entryId) {
            conflicts.add(nodeId + " applied entry " + entryId + " at index " + index + " where another replica applied " + previous);
        }
    }

    /** @return descriptions of every conflicting apply (empty when safe) */
    public List<String> conflicts() {
        return conflicts;
    }

    /** @return applies recorded on all replicas */
    public long applies() {
        return applies.get();
    }

    /** @return highest index applied anywhere */
    public long highestIndex() {
        return firstByIndex.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
