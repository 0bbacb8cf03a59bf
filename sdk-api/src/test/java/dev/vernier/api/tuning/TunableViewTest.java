package dev.vernier.api.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunableViewTest {

    /** A tunable holding its values in a map. */
    static final class MapTunable implements Tunable {
        final ParameterSpace space = ParameterSpace.of(Parameter.integer("batch", 1, 64, 1),
                Parameter.bool("pipelining", false), Parameter.integer("electionMs", 50, 500, 300));
        final Map<String, Object> values = new LinkedHashMap<>(space.defaults().values());

        @Override
        public ParameterSpace parameterSpace() {
            return space;
        }

        @Override
        public Configuration currentConfiguration() {
            return new Configuration(values);
        }

        @Override
        public void apply(Configuration changes) {
            values.putAll(space.validate(changes).values());
        }
    }

    @Test
    void viewExposesOnlyItsParametersAndAppliesToTheWhole() throws Exception {
        MapTunable whole = new MapTunable();
        Tunable view = whole.restrictedTo("batch", "pipelining");
        assertEquals(2, view.parameterSpace().size());
        assertEquals(Map.of("batch", 1, "pipelining", false), view.currentConfiguration().values());
        view.apply(new Configuration(Map.of("batch", 32, "pipelining", true)));
        assertEquals(32, whole.values.get("batch"));
        assertEquals(true, whole.values.get("pipelining"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> view.apply(Configuration.of("electionMs", 60)));
        assertTrue(e.getMessage().contains("unknown parameter 'electionMs'"), e.getMessage());
        assertEquals(300, whole.values.get("electionMs"));
        assertThrows(IllegalArgumentException.class, () -> whole.restrictedTo("nope"));
        assertThrows(IllegalArgumentException.class, whole::restrictedTo);
    }
}
