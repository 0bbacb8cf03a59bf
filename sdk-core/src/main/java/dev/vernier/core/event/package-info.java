/**
 * The typed events of a run, delivered to {@link dev.vernier.core.event.RunListener}s: phases,
 * interval snapshots, load verdicts, warnings and tuning steps.
 */
package dev.vernier.core.event;
