/**
 * The monitor's implementation: HTTP routes and security, event streams, the point ring, JSON views,
 * the Prometheus scrape. Not an API: it may change in any release.
 */
package dev.vernier.monitor.internal;
