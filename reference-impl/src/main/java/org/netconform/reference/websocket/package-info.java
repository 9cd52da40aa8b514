/**
 * The WebSocket reference implementation (RFC 6455): frame model, streaming codec, masking,
 * fragmentation and UTF-8 rules, close codes, and the opening handshake.
 *
 * <p>The package depends on nothing but the JDK. It has no I/O of its own: codecs consume and
 * produce bytes, the handshake consumes and produces HTTP heads, so live endpoints and the
 * conformance harness can wrap it however they like.
 */
package org.netconform.reference.websocket;
