/**
 * The live performance monitor: {@link dev.vernier.monitor.Monitor} serves a dashboard, a REST API and
 * a Server-Sent Events stream on the JDK's HTTP server, evaluates alert rules
 * ({@link dev.vernier.core.alert}) on every point, posts webhooks, and publishes Vernier's figures to
 * Micrometer ({@link dev.vernier.monitor.micrometer.VernierMeters}) and, optionally, a Prometheus scrape.
 * Points are {@link dev.vernier.monitor.MonitorPoint}s; {@link dev.vernier.monitor.RunInfo} says what
 * runs. Users should not import {@code dev.vernier.monitor.internal}.
 */
package dev.vernier.monitor;
