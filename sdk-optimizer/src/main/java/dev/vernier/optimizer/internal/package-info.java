/** Internals of the optimizer (proposals, statistics); not part of the API and subject to change. */
package dev.vernier.optimizer.internal;
