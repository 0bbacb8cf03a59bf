package dev.vernier.optimizer.internal;

/**
 * How far (unit-cube coordinates, per numeric parameter) a proposal may move from the incumbent on a
 * live system. Starts at half the largest safe step, grows after a kept change and shrinks after a
 * reverted one, faster after a collapse or a broken constraint (as TuRBO's trust regions do). Not
 * thread-safe: one per session.
 */
public final class TrustRegion {

    private static final double GROW = 2;
    private static final double SHRINK = 0.75;
    private static final double SHRINK_SEVERE = 0.5;

    private final double max;
    private final double min;
    private double radius;
    private int failuresInARow;

    /**
     * @param maxStep largest radius (the safe step size), in (0, 1]
     * @param initial starting radius, in (0, maxStep]
     */
    public TrustRegion(double maxStep, double initial) {
        this.max = maxStep;
        this.min = Math.min(0.02, maxStep / 4);
        this.radius = Math.min(maxStep, initial);
    }

    /** @return the current radius in unit coordinates */
    public double radius() {
        return radius;
    }

    /** @return the radius below which the region counts as converged */
    public double minimum() {
        return min;
    }

    /** @return reverted proposals since the last kept one */
    public int failuresInARow() {
        return failuresInARow;
    }

    /** A change was kept: the region grows (up to the safe step). */
    public void success() {
        radius = Math.min(max, radius * GROW);
        failuresInARow = 0;
    }

    /** @param severe true after a collapse or a broken constraint: shrinks faster */
    public void failure(boolean severe) {
        radius = Math.max(min / 2, radius * (severe ? SHRINK_SEVERE : SHRINK));
        failuresInARow++;
    }

    /** @return true once the radius has fallen below its minimum */
    public boolean converged() {
        return radius < min;
    }
}
