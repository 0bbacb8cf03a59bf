package dev.vernier.api.tuning;

/**
 * What a {@link Parameter} does in the system, independent of its name, so that rule-based tuning
 * advice can find the right knob in any library ({@code maxBatchSize}, {@code maxEntriesSize} and
 * {@code raft.server.log.appender.buffer.element-limit} are all {@link #BATCH_SIZE}).
 *
 * <p>The optimizer's rules key on roles: throughput degradation acts on {@link #BATCH_SIZE}, a long
 * latency tail on {@link #PIPELINE_WINDOW}, resource pressure on {@link #CONCURRENCY}. A parameter
 * without a declared role is {@link #OTHER} and is tuned by the model only. Immutable and thread-safe.
 */
public enum ParameterRole {
    /** Items grouped into one message, write or round (entries per AppendEntries, requests per pre-prepare). */
    BATCH_SIZE,
    /**
     * Work in flight before an acknowledgement: pipelining on/off or the depth of the in-flight
     * window (AppendEntries in flight per follower, sequence numbers beyond the last executed one).
     */
    PIPELINE_WINDOW,
    /** Threads, connections or clients working in parallel. */
    CONCURRENCY,
    /** Size of a queue or buffer (write buffer, send queue), in items or bytes. */
    BUFFER,
    /** A deadline: request, election or view-change timeout. */
    TIMEOUT,
    /** A period: heartbeat, gossip round or flush interval. */
    INTERVAL,
    /** Anything else (fan-out, codec, quorum share); tuned by the model, never by a rule. */
    OTHER
}
