/**
 * Vernier's engine: the entry point ({@code dev.vernier.core.Vernier}), typed events, results,
 * reports, statistics, the result store, the resource types and the passive recorder. The load
 * engine, the phase runners and the resource sampler live in {@code dev.vernier.core.internal.*},
 * which is not exported.
 */
module dev.vernier.core {
    requires transitive dev.vernier.api;
    // types of these appear in the exported API: Recording.histogram(), JsonReport.mapper(),
    // ScenarioJson, ResultStore.Builder.ticker(Ticker)
    requires transitive HdrHistogram;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive com.github.benmanes.caffeine;
    requires commons.math3;
    requires org.slf4j;
    requires com.github.oshi;
    requires java.management;
    requires jdk.management;

    exports dev.vernier.core;
    exports dev.vernier.core.alert;
    exports dev.vernier.core.archive;
    exports dev.vernier.core.event;
    exports dev.vernier.core.hlog;
    exports dev.vernier.core.recording;
    exports dev.vernier.core.report;
    exports dev.vernier.core.resources;
    exports dev.vernier.core.result;
    exports dev.vernier.core.stats;
    exports dev.vernier.core.store;

    // Jackson reads and writes the result records reflectively
    opens dev.vernier.core.result to com.fasterxml.jackson.databind;
    opens dev.vernier.core.resources to com.fasterxml.jackson.databind;
    opens dev.vernier.core.alert to com.fasterxml.jackson.databind;
}
