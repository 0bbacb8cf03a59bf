package dev.vernier.core.event;

/**
 * An event of a tuning session (sdk-optimizer): a step decided, a session ended. Its own module
 * defines the records; a listener that only knows sdk-core can still tell them apart from the rest
 * and print {@link #describe()}.
 */
public non-sealed interface TuningEvent extends VernierEvent {

    /** @return one line that says what happened, with its figures */
    String describe();
}
