package dev.vernier.examples.cluster;

/**
 * A protocol message carried by the {@link Network}. Implementations should be immutable: a message
 * is handed from one node's thread to another's.
 */
public interface Message {

    /** @return the message's size on the wire in bytes, used for the bandwidth (serialisation) delay */
    int sizeBytes();
}
