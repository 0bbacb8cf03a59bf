package dev.vernier.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds of transaction a scenario submits and how often each is drawn.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()} or {@link #single(String, int)}.
 */
public final class TransactionMix {

    private final List<TxType> types;
    private final double[] cumulative;

    private TransactionMix(List<TxType> types) {
        this.types = List.copyOf(types);
        this.cumulative = new double[types.size()];
        double total = 0;
        for (TxType t : types) {
            total += t.weight();
        }
        double running = 0;
        for (int i = 0; i < types.size(); i++) {
            running += types.get(i).weight() / total;
            cumulative[i] = running;
        }
        cumulative[types.size() - 1] = 1.0;
    }

    /** @return a mix with one type of the given payload size in bytes */
    public static TransactionMix single(String name, int payloadBytes) {
        return builder().add(name, 1, payloadBytes).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the types in the order they were added */
    public List<TxType> types() {
        return types;
    }

    /**
     * Picks a type index for a uniform draw.
     *
     * @param uniform a value in [0, 1)
     * @return the index into {@link #types()}
     */
    public int pick(double uniform) {
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (uniform < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionMix m && m.types.equals(types);
    }

    @Override
    public int hashCode() {
        return types.hashCode();
    }

    @Override
    public String toString() {
        return "TransactionMix" + types;
    }

    /** Collects types; not thread-safe. */
    public static final class Builder {
        private final List<TxType> types = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param name type name, unique in the mix
         * @param weight relative frequency, positive
         * @param payloadBytes payload size in bytes, 0 or more
         * @return this builder
         * @throws IllegalArgumentException for a bad value (named in the message)
         */
        public Builder add(String name, double weight, int payloadBytes) {
            types.add(new TxType(name, weight, payloadBytes));
            return this;
        }

        /**
         * @return the mix
         * @throws IllegalArgumentException when empty, a name repeats or the weights add up to infinity
         */
        public TransactionMix build() {
            if (types.isEmpty()) {
                throw new IllegalArgumentException("mix must have at least one transaction type, but was empty");
            }
            Set<String> names = new HashSet<>();
            double total = 0;
            for (TxType t : types) {
                total += t.weight();
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException("mix type names must be unique, but '" + t.name() + "' repeats");
                }
            }
            if (Double.isInfinite(total)) {
                throw new IllegalArgumentException("mix weights must add up to a finite number, but "
                        + types.stream().map(t -> t.name() + "=" + t.weight()).toList() + " add up to " + total);
            }
            return new TransactionMix(types);
        }
    }
}
