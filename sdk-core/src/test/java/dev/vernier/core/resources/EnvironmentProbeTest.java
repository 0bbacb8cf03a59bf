package dev.vernier.core.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentProbeTest {

    @Test
    void secretLookingSystemPropertiesKeepTheirNameAndLoseTheirValue() {
        assertEquals(List.of("-Xmx2g", "-Djavax.net.ssl.keyStorePassword=***", "-Dapp.api_key=***", "-Ddb.Token=***",
                        "-Dvernier.label=abc123", "-XX:+UseG1GC", "-Dkeyspace=main"),
                EnvironmentProbe.redact(List.of("-Xmx2g", "-Djavax.net.ssl.keyStorePassword=hunter2", "-Dapp.api_key=k1",
                        "-Ddb.Token=t0", "-Dvernier.label=abc123", "-XX:+UseG1GC", "-Dkeyspace=main")));
    }

    @Test
    void theLabelComesFromTheArgumentFirst() {
        assertEquals("commit-1", EnvironmentProbe.capture("commit-1").label());
    }
}
