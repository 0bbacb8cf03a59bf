package dev.vernier.monitor.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Prometheus scrape, kept in its own class so that the monitor loads
 * {@code micrometer-registry-prometheus} (an optional dependency) only when the endpoint is on.
 * Thread-safe.
 */
public final class PrometheusScrape {

    /** Text exposition format 0.0.4, what every Prometheus server accepts. */
    public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0, for scrapers that ask for it. */
    public static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final boolean owned;

    private PrometheusScrape(PrometheusMeterRegistry registry, boolean owned) {
        this.registry = registry;
        this.owned = owned;
    }

    /** @return whether micrometer-registry-prometheus is on the classpath */
    public static boolean available() {
        try {
            Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                    PrometheusScrape.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param given the node's registry, or null
     * @return a scrape of the given registry when it is (or contains) a Prometheus registry, else of a
     *     new one owned by the scrape
     */
    public static PrometheusScrape of(MeterRegistry given) {
        PrometheusMeterRegistry found = find(given);
        return found != null ? new PrometheusScrape(found, false)
                : new PrometheusScrape(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
    }

    private static PrometheusMeterRegistry find(MeterRegistry r) {
        if (r instanceof PrometheusMeterRegistry p) {
            return p;
        }
        if (r instanceof CompositeMeterRegistry c) {
            for (MeterRegistry inner : c.getRegistries()) {
                PrometheusMeterRegistry p = find(inner);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** @return the registry scraped */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return whether the scrape made its own registry (the monitor publishes to it and closes it) */
    public boolean owned() {
        return owned;
    }

    /**
     * @param accept the scraper's Accept header, or null
     * @return {content type, body}
     */
    public String[] scrape(String accept) {
        String type = accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : TEXT;
        return new String[] {type, registry.scrape(type)};
    }

    /** Closes the registry when the scrape made it. */
    public void close() {
        if (owned) {
            registry.close();
        }
    }
}
