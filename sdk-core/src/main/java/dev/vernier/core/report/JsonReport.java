package dev.vernier.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vernier.core.result.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes and reads {@link ScenarioResult}s as JSON. The document carries
 * {@code schemaVersion}; reading a newer major version fails with a clear message. NaN figures are
 * written as the string {@code "NaN"}.
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
     * @param json a document written by {@link #write}
     * @return the result
     * @throws IllegalArgumentException when the text is not a result or has a newer schema version
     */
    public ScenarioResult read(String json) {
        ScenarioResult r;
        try {
            r = mapper.readValue(json, ScenarioResult.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Vernier result: " + e.getMessage(), e);
        }
        if (r.schemaVersion() > ScenarioResult.SCHEMA_VERSION
                || r.schemaVersion() < ScenarioResult.OLDEST_READABLE_SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion must be between "
                    + ScenarioResult.OLDEST_READABLE_SCHEMA_VERSION + " and " + ScenarioResult.SCHEMA_VERSION
                    + ", but was " + r.schemaVersion());
        }
        return r;
    }

    /** @return the mapper, configured for results (for callers that serialise related types) */
    public ObjectMapper mapper() {
        return mapper;
    }
}
