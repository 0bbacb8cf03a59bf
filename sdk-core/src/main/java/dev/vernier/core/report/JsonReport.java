package dev.vernier.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vernier.core.result.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Writes and reads {@link ScenarioResult}s as JSON. The document carries {@code schemaVersion}
 * ({@link ScenarioResult#SCHEMA_VERSION}); older versions are read, a newer one fails with
 * {@link NewerSchemaException} ("written by a newer Vernier"). NaN figures are written as the
 * string {@code "NaN"}.
 *
 * <p>Thread-safe (the mapper is immutable after construction).
 */
public final class JsonReport {

    /** A writer and reader with the result module registered. */
    public JsonReport() {
    }

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(ScenarioJson.module())
            .build();

    /** @return the result as indented JSON */
    public String write(ScenarioResult result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a result and checks it: the schema version first (a newer one fails with
     * {@link NewerSchemaException} before anything else is read, since its structure may differ),
     * then the structure, then the values statistics rely on (names present, counts and rates not
     * negative, latencies not negative, NaN only where nothing committed). Documents of older schema
     * versions are refused with {@link OlderSchemaException} (version 1 did not record the scenario's
     * settings, so nothing could be compared or re-rendered faithfully).
     *
     * @param json a document written by {@link #write}
     * @return the result
     * @throws NewerSchemaException when the document was written by a newer Vernier
     * @throws OlderSchemaException when the document was written by an older Vernier whose schema
     *     this one cannot read (version 1 did not record the scenario's settings)
     * @throws IllegalArgumentException when the text is not a valid result; the message names every
     *     problem with its path ({@code throughput.iterations[2].outcomes must not be null})
     */
    public ScenarioResult read(String json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + firstLine(e.getMessage()), e);
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            throw new IllegalArgumentException("a result must be a JSON object, but was "
                    + (tree == null || tree.isMissingNode() ? "empty" : tree.getNodeType().toString().toLowerCase(
                    java.util.Locale.ROOT)));
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new IllegalArgumentException("schemaVersion must be an integer, but was "
                    + (version == null ? "missing" : version.toString()));
        }
        int v = version.intValue();
        if (v > ScenarioResult.SCHEMA_VERSION) {
            throw new NewerSchemaException(v, ScenarioResult.SCHEMA_VERSION);
        }
        if (v < ScenarioResult.OLDEST_READABLE_SCHEMA_VERSION) {
            throw new OlderSchemaException(v, ScenarioResult.SCHEMA_VERSION);
        }
        ScenarioResult r;
        try {
            r = mapper.treeToValue(tree, ScenarioResult.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("not a valid Vernier result: " + describe(tree, e), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid Vernier result: " + firstLine(e.getMessage()), e);
        }
        List<String> problems = ResultValidator.problems(r);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a valid Vernier result: " + String.join("; ", problems));
        }
        return r;
    }

    /** Names the field: its path, and for a record that could not be built, the lists or maps it lacks. */
    private static String describe(JsonNode tree, JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                node = node == null ? null : node.get(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
                node = node == null ? null : node.get(ref.getIndex());
            }
        }
        String prefix = path.length() == 0 ? "" : path + ": ";
        if (e instanceof ValueInstantiationException vie && vie.getType() != null
                && vie.getType().getRawClass().isRecord()) {
            if (node == null || !node.isObject()) {
                return prefix + "must be an object, but was " + (node == null ? "missing" : node.toString());
            }
            List<String> missing = new java.util.ArrayList<>();
            for (RecordComponent c : vie.getType().getRawClass().getRecordComponents()) {
                boolean container = java.util.Collection.class.isAssignableFrom(c.getType())
                        || java.util.Map.class.isAssignableFrom(c.getType());
                JsonNode field = node.get(c.getName());
                if (container && (field == null || field.isNull())) {
                    missing.add(prefix.replace(": ", ".") + c.getName() + " must not be null, but was "
                            + (field == null ? "missing" : "null"));
                } else if (container && field.isContainerNode()) {
                    for (JsonNode element : field) {
                        if (element.isNull()) {
                            missing.add(prefix.replace(": ", ".") + c.getName() + " must not contain null, but did");
                            break;
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                return String.join("; ", missing);
            }
        }
        return prefix + firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** @return the mapper, configured for results (for callers that serialise related types) */
    public ObjectMapper mapper() {
        return mapper;
    }
}
