/**
 * Vernier's API: the types a user implements and configures (suites, scenarios, load models,
 * capabilities, tuning parameters and objectives). Depends on the JDK only.
 *
 * <p>{@code dev.vernier.api.internal} (argument checks) is exported to Vernier's own modules only.
 */
@SuppressWarnings("module") // the qualified export names modules compiled after this one
module dev.vernier.api {
    exports dev.vernier.api;
    exports dev.vernier.api.tuning;
    exports dev.vernier.api.internal to dev.vernier.core, dev.vernier.optimizer, dev.vernier.junit, dev.vernier.monitor;
}
