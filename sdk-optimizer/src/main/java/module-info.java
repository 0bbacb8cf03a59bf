/**
 * Vernier's optimizer: tuning sessions that propose, apply, measure and keep or revert live
 * parameter changes, on a Gaussian-process surrogate (Commons Math) or a Smile random forest (Smile
 * stays inside this module). Its {@code internal} package is not exported.
 */
module dev.vernier.optimizer {
    requires transitive dev.vernier.core;
    requires smile.core;
    requires smile.base;
    requires commons.math3;
    requires org.slf4j;

    exports dev.vernier.optimizer;
}
