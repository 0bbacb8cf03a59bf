package dev.vernier.monitor.internal;

import dev.vernier.monitor.MonitorPoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The most recent points, oldest first, at most {@code capacity}. Thread-safe. */
public final class PointLog {

    private final int capacity;
    private final ArrayDeque<MonitorPoint> points;

    /** @param capacity points kept, positive */
    public PointLog(int capacity) {
        this.capacity = capacity;
        this.points = new ArrayDeque<>(capacity);
    }

    /** @return points kept at most */
    public int capacity() {
        return capacity;
    }

    /** @param p the newest point */
    public synchronized void add(MonitorPoint p) {
        if (points.size() == capacity) {
            points.removeFirst();
        }
        points.addLast(p);
    }

    /** @return the newest point, or null */
    public synchronized MonitorPoint latest() {
        return points.peekLast();
    }

    /**
     * @param n how many, at most
     * @return the newest {@code n} points, oldest first
     */
    public synchronized List<MonitorPoint> last(int n) {
        int skip = Math.max(0, points.size() - n);
        List<MonitorPoint> out = new ArrayList<>(Math.min(n, points.size()));
        Iterator<MonitorPoint> it = points.iterator();
        for (int i = 0; it.hasNext(); i++) {
            MonitorPoint p = it.next();
            if (i >= skip) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * @param seq a point number
     * @return the points kept whose number is greater, oldest first
     */
    public synchronized List<MonitorPoint> after(long seq) {
        List<MonitorPoint> out = new ArrayList<>();
        for (MonitorPoint p : points) {
            if (p.seq() > seq) {
                out.add(p);
            }
        }
        return out;
    }
}
