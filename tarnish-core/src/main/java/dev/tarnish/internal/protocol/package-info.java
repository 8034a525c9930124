/**
 * The wire between a caller and its worker: frames with a checked length, the messages they carry,
 * and the CBOR codec for task inputs and outputs. Knows nothing about processes.
 */
package dev.tarnish.internal.protocol;
