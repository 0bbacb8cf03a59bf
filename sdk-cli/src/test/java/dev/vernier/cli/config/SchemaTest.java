package dev.vernier.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.cli.adapters.AlertRules;
import dev.vernier.cli.adapters.TuningDriver;
import dev.vernier.cli.fixtures.Cli;
import dev.vernier.cli.suites.SuiteFactory;
import dev.vernier.core.report.ScenarioJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published JSON Schema (docs/vernier-config.schema.json) and the loader know the same keys and
 * names, and every example file validates against the schema and loads: so neither can drift.
 */
class SchemaTest {

    private static final JsonNode SCHEMA = schema();

    private static JsonNode schema() {
        try {
            return new ObjectMapper().readTree(Cli.repository().resolve("docs/vernier-config.schema.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> keys(String pointer) {
        Set<String> out = new TreeSet<>();
        SCHEMA.at(pointer).fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> sorted(Set<String> s) {
        return new TreeSet<>(s);
    }

    private static Set<String> enumOf(String pointer) {
        Set<String> out = new TreeSet<>();
        SCHEMA.at(pointer).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theSchemaKnowsExactlyTheKeysTheLoaderKnows() {
        assertEquals(sorted(ConfigLoader.ROOT_KEYS), keys("/properties"));
        assertEquals(sorted(ConfigLoader.SUITE_KEYS), keys("/definitions/suite/oneOf/1/properties"));
        Set<String> scenario = new TreeSet<>(ConfigLoader.scenarioKeys());
        scenario.addAll(ConfigLoader.SCENARIO_EXTRA_KEYS);
        assertEquals(scenario, keys("/definitions/scenario/properties"));
        assertEquals(Set.of("name", "weight", "payloadBytes"), keys("/definitions/scenario/properties/mix/items/properties"));
        assertEquals(Set.of("at", "action", "node"), keys("/definitions/scenario/properties/faultPlan/items/properties"));
        assertEquals(sorted(ConfigLoader.TARGET_KEYS), keys("/definitions/targets/properties"));
        assertEquals(sorted(ConfigLoader.ALERT_KEYS), keys("/definitions/alerts/properties"));
        assertEquals(sorted(ConfigLoader.RULE_KEYS), keys("/definitions/alertRule/properties"));
        assertEquals(sorted(ConfigLoader.ENVIRONMENT_KEYS), keys("/definitions/environment/properties"));
        assertEquals(sorted(ConfigLoader.OUTPUT_KEYS), keys("/definitions/output/properties"));
        assertEquals(sorted(ConfigLoader.GATE_KEYS), keys("/definitions/gate/properties"));
        assertEquals(ConfigLoader.tuningKeys(), keys("/definitions/tuning/properties"));
        assertEquals(sorted(ConfigLoader.OBJECTIVE_KEYS), keys("/definitions/objective/properties"));
        assertEquals(sorted(ConfigLoader.CONSTRAINT_KEYS),
                keys("/definitions/objective/properties/constraints/items/properties"));
        assertEquals(sorted(Profiles.KEYS), keys("/definitions/profile/properties"));
        assertEquals(sorted(ConfigLoader.OPERATING_POINT_KEYS),
                keys("/definitions/tuning/properties/operatingPoint/properties"));
        assertTrue(ConfigLoader.tuningKeys().containsAll(TuningDriver.settingKeys()));
    }

    @Test
    void theSchemasLoadModelsAndNamesAreTheLoaders() {
        List<LoadModel> models = List.of(LoadModel.constantRate(1), LoadModel.linearRamp(1, 2),
                LoadModel.stepSearch(1, 1), LoadModel.closed(1, Duration.ofMillis(1)));
        for (int i = 0; i < models.size(); i++) {
            Set<String> expected = new TreeSet<>();
            ScenarioJson.toTree(models.get(i)).fieldNames().forEachRemaining(expected::add);
            assertEquals(expected, keys("/definitions/load/oneOf/" + i + "/properties"), models.get(i).toString());
        }
        assertEquals(names(Phase.values()), enumOf("/definitions/scenario/properties/phases/items/enum"));
        assertEquals(names(FaultPlan.Action.values()),
                enumOf("/definitions/scenario/properties/faultPlan/items/properties/action/enum"));
        assertEquals(sorted(AlertRules.METRICS), enumOf("/definitions/alertRule/properties/metric/enum"));
        assertEquals(sorted(new HashSet<>(AlertRules.SEVERITIES)), enumOf("/definitions/alertRule/properties/severity/enum"));
        assertEquals(sorted(SuiteFactory.builtInNames()), enumOf("/definitions/suite/oneOf/0/enum"));
        assertTrue(enumOf("/definitions/objective/properties/maximize/enum").containsAll(ConfigLoader.metricNamesWritten()));
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(values).forEach(v -> out.add(v.name()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"comprehensive.yaml", "ci-gate.yaml", "tuning.yaml"})
    void everyExampleValidatesAgainstTheSchemaAndLoadsWithEachOfItsProfiles(String file) throws IOException {
        Path path = Cli.repository().resolve("examples").resolve(file);
        ObjectNode tree = SafeYaml.read(Files.readString(path)).root();
        List<String> errors = new ArrayList<>();
        validate(tree, SCHEMA, "", errors);
        assertEquals(List.of(), errors, file + " against the schema");
        ConfigLoader.load(path, ConfigLoader.Options.defaults());
        for (Iterator<String> it = tree.path("profiles").fieldNames(); it.hasNext(); ) {
            ConfigLoader.load(path, new ConfigLoader.Options(it.next(), 1, List.of()));
        }
    }

    @Test
    void theValidatorCatchesWhatItShould() {
        List<String> errors = new ArrayList<>();
        validate(SafeYaml.read("suites: [paxos]\nscenarios: [{name: a, phasez: []}]\nzz: 1\n").root(), SCHEMA, "", errors);
        assertEquals(3, errors.size(), errors.toString());
    }

    /** A validator for the part of draft-07 the schema uses. */
    private static void validate(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.has("$ref")) {
            validate(value, SCHEMA.at(schema.get("$ref").asText().substring(1)), path, errors);
            return;
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            for (JsonNode option : schema.get("oneOf")) {
                List<String> e = new ArrayList<>();
                validate(value, option, path, e);
                matches += e.isEmpty() ? 1 : 0;
            }
            if (matches != 1) {
                errors.add(path + ": matches " + matches + " of the oneOf options");
            }
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": must be " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + value + " is not in " + schema.get("enum"));
            }
        }
        if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
            errors.add(path + ": " + value + " is not of type " + schema.get("type"));
            return;
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path + "." + e.getKey();
                if (props.has(e.getKey())) {
                    validate(e.getValue(), props.get(e.getKey()), at, errors);
                } else if (schema.has("patternProperties") && stream(schema.get("patternProperties").fieldNames())
                        .anyMatch(p -> e.getKey().matches(p + ".*"))) {
                    continue;
                } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
                    validate(e.getValue(), schema.get("additionalProperties"), at, errors);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    errors.add(at + ": not allowed here");
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(path + "." + required.asText() + ": required");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(value.get(i), schema.get("items"), path + "[" + i + "]", errors);
            }
        }
    }

    private static Stream<String> stream(Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l.stream();
    }

    private static boolean typeMatches(JsonNode v, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(v, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }
}
