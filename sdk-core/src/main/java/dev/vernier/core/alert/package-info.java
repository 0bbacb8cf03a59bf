/**
 * Alert rules on live figures, with no server: a rule watches one metric
 * ({@link dev.vernier.core.alert.AlertMetric}) against a threshold for a duration and has a
 * severity; an {@link dev.vernier.core.alert.AlertEngine} evaluates rules on interval snapshots of a
 * run or on windows of a node's own traffic ({@link dev.vernier.core.recording.OperationRecorder}),
 * keeps the active alerts and a history, calls an abort action for abort-on-fail rules and raises
 * typed {@link dev.vernier.core.event.AlertFired} and {@link dev.vernier.core.event.AlertResolved}
 * events; {@link dev.vernier.core.alert.AlertWebhooks} posts them as JSON to receivers without ever
 * slowing the run.
 */
package dev.vernier.core.alert;
