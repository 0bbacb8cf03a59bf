/**
 * Vernier's live monitor: a dashboard, REST and Server-Sent Events on the JDK's HTTP server, and a
 * Micrometer bridge with an optional Prometheus scrape. Its {@code internal} package is not exported.
 */
module dev.vernier.monitor {
    requires transitive dev.vernier.core;
    requires transitive micrometer.core;
    requires static micrometer.registry.prometheus; // optional: the scrape endpoint when it is present
    requires jdk.httpserver;
    requires java.management;
    requires jdk.management;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.vernier.monitor;
    exports dev.vernier.monitor.micrometer;

    // Jackson writes the REST records reflectively
    opens dev.vernier.monitor to com.fasterxml.jackson.databind;
    opens dev.vernier.monitor.internal to com.fasterxml.jackson.databind;
}
