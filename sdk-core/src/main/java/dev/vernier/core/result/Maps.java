package dev.vernier.core.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies of maps that keep their order (unlike {@link Map#copyOf}), so reports are stable. */
final class Maps {

    private Maps() {
    }

    static <K, V> Map<K, V> ordered(Map<K, V> source) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }
}
