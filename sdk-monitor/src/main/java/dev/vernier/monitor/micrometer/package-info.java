/**
 * Vernier's figures in a Micrometer {@code MeterRegistry}: throughput, outcomes, latency percentiles
 * and buckets, alerts ({@link dev.vernier.monitor.micrometer.VernierMeters}).
 */
package dev.vernier.monitor.micrometer;
