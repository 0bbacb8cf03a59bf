package dev.vernier.api;

import dev.vernier.api.internal.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the FAULT_TOLERANCE phase does to the system while load runs: faults at offsets from the
 * start of the measured load, carried out through the suite's {@link FaultInjector}.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}; {@link #crashLeader(java.time.Duration)} is the default
 * plan (crash the leader at 1/3 of the duration, restart it at 2/3).
 */
public final class FaultPlan {

    /** What one step does. */
    public enum Action {
        /** Crash the current leader or primary (the first live node when there is none). */
        CRASH_LEADER,
        /** Crash the named node. */
        CRASH_NODE,
        /** Restart every node this plan crashed. */
        RESTART_CRASHED,
        /** Cut a minority of nodes (not the leader) off from the rest: (n - 1) / 2 of n nodes. */
        PARTITION_MINORITY,
        /** Cut the leader and nothing else off from the rest (the leader alone in a minority). */
        PARTITION_LEADER,
        /** Heal every partition. */
        HEAL
    }

    /**
     * One fault.
     *
     * @param at offset from the start of the measured load
     * @param action what to do
     * @param node the node of {@link Action#CRASH_NODE}, else null
     */
    public record Step(Duration at, Action action, String node) {
        /** @throws IllegalArgumentException naming the field when invalid */
        public Step {
            Check.atMost("faultPlan.at", Check.nonNegative("faultPlan.at", at), Scenario.MAX_DURATION);
            Check.notNull("faultPlan.action", action);
            if (action == Action.CRASH_NODE) {
                Check.notBlank("faultPlan.node", node);
            }
        }
    }

    private final List<Step> steps;

    private FaultPlan(List<Step> steps) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(Step::at));
        this.steps = List.copyOf(sorted);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the default plan for a phase of {@code duration}: crash the leader at a third of it,
     *     restart the crashed node at two thirds
     * @param duration the measured duration of the phase
     */
    public static FaultPlan crashLeader(Duration duration) {
        Check.positive("duration", duration);
        return builder().crashLeaderAt(duration.dividedBy(3)).restartCrashedAt(duration.multipliedBy(2).dividedBy(3))
                .build();
    }

    /**
     * @param steps the faults, in any order
     * @return a plan of those steps
     * @throws IllegalArgumentException when steps is null or holds a null
     */
    public static FaultPlan of(List<Step> steps) {
        Check.notNull("faultPlan.steps", steps);
        for (int i = 0; i < steps.size(); i++) {
            Check.notNull("faultPlan.steps[" + i + "]", steps.get(i));
        }
        return new FaultPlan(steps);
    }

    /** @return the steps in time order */
    public List<Step> steps() {
        return steps;
    }

    /** @return the latest offset of any step */
    public Duration end() {
        return steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).at();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultPlan p && p.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return "FaultPlan" + steps;
    }

    /** Collects steps; not thread-safe. Each method validates its argument at once. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        private Builder() {
        }

        /** @param at offset from the measured start, 0 or more */
        public Builder crashLeaderAt(Duration at) {
            steps.add(new Step(at, Action.CRASH_LEADER, null));
            return this;
        }

        /**
         * @param at offset, 0 or more
         * @param node id of the node to crash
         */
        public Builder crashNodeAt(Duration at, String node) {
            steps.add(new Step(at, Action.CRASH_NODE, node));
            return this;
        }

        /** @param at offset, 0 or more */
        public Builder restartCrashedAt(Duration at) {
            steps.add(new Step(at, Action.RESTART_CRASHED, null));
            return this;
        }

        /** @param at offset, 0 or more */
        public Builder partitionMinorityAt(Duration at) {
            steps.add(new Step(at, Action.PARTITION_MINORITY, null));
            return this;
        }

        /** @param at offset, 0 or more */
        public Builder partitionLeaderAt(Duration at) {
            steps.add(new Step(at, Action.PARTITION_LEADER, null));
            return this;
        }

        /** @param at offset, 0 or more */
        public Builder healAt(Duration at) {
            steps.add(new Step(at, Action.HEAL, null));
            return this;
        }

        /**
         * @return the plan
         * @throws IllegalArgumentException when it has no step
         */
        public FaultPlan build() {
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("faultPlan must have at least one step, but was empty");
            }
            return new FaultPlan(steps);
        }
    }

    /**
     * The nodes {@link Action#PARTITION_MINORITY} isolates: (n - 1) / 2 of the n nodes, in order,
     * never the leader.
     *
     * @param nodes every node id
     * @param leader the leader's id, or null
     * @return the group to cut off
     */
    public static Set<String> minority(List<String> nodes, String leader) {
        int size = (nodes.size() - 1) / 2;
        Set<String> group = new java.util.LinkedHashSet<>();
        for (String n : nodes) {
            if (group.size() == size) {
                break;
            }
            if (!n.equals(leader)) {
                group.add(n);
            }
        }
        return group;
    }
}
