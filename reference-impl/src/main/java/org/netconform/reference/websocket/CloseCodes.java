package org.netconform.reference.websocket;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The WebSocket Close Code Number Registry (RFC 6455 §7.4, §11.7) as IANA lists it.
 *
 * <p>Snapshot: the registry's close-code section as mirrored in
 * {@code shared/rfc/iana-websocket-close-codes.txt} (IANA "Last Updated 2026-06-10"). It adds
 * 1012-1014 and the first-come-first-served codes 3000, 3003 and 3008 to what RFC 6455 defined.
 *
 * <p>Which codes may appear in a close frame:
 * <ul>
 *   <li>1000-1003, 1007-1014: defined status codes (§7.4.1 and the registry);</li>
 *   <li>3000-3999: registered or registrable by libraries and applications (§7.4.2), sendable
 *       whether or not a given number is assigned yet, because receivers cannot know about
 *       registrations newer than themselves;</li>
 *   <li>4000-4999: private use (§7.4.2).</li>
 * </ul>
 * Never on the wire: 0-999 (unused, §7.4.2), 1004 (reserved, meaning may be defined later),
 * 1005, 1006 and 1015 (reserved for APIs to report the absence of a status, an abnormal closure
 * and a failed TLS handshake; §7.4.1 says they MUST NOT be set in a close frame),
 * 1016-2999 (reserved for future revisions of the protocol and extensions, §7.4.2) and anything
 * above 4999, which RFC 6455 does not define at all.
 */
public final class CloseCodes {

    public static final int NORMAL_CLOSURE = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reserved (§7.4.1); never sent. */
    public static final int RESERVED = 1004;
    /** API-only: the close frame had no status code (§7.1.5); never sent. */
    public static final int NO_STATUS_RCVD = 1005;
    /** API-only: the connection closed without a close frame (§7.1.5); never sent. */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_FRAME_PAYLOAD_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    /** The registry's description: a gateway or proxy got an invalid upstream response. */
    public static final int BAD_GATEWAY = 1014;
    /** API-only: the TLS handshake failed; never sent. */
    public static final int TLS_HANDSHAKE = 1015;
    public static final int UNAUTHORIZED = 3000;
    public static final int FORBIDDEN = 3003;
    public static final int TIMEOUT = 3008;

    /** Where a code stands, for tables and reports. */
    public enum Category {
        /** Assigned and sendable. */
        DEFINED,
        /** Assigned, but only APIs may use it; a close frame carrying it is a protocol error. */
        NEVER_ON_WIRE,
        /** In a range applications may use (3000-4999) without a registry entry of its own. */
        APPLICATION,
        /** Outside every usable range; a close frame carrying it is a protocol error. */
        INVALID
    }

    private static final Map<Integer, String> NAMES = new TreeMap<>();

    static {
        NAMES.put(NORMAL_CLOSURE, "Normal Closure");
        NAMES.put(GOING_AWAY, "Going Away");
        NAMES.put(PROTOCOL_ERROR, "Protocol error");
        NAMES.put(UNSUPPORTED_DATA, "Unsupported Data");
        NAMES.put(RESERVED, "Reserved");
        NAMES.put(NO_STATUS_RCVD, "No Status Rcvd");
        NAMES.put(ABNORMAL_CLOSURE, "Abnormal Closure");
        NAMES.put(INVALID_FRAME_PAYLOAD_DATA, "Invalid frame payload data");
        NAMES.put(POLICY_VIOLATION, "Policy Violation");
        NAMES.put(MESSAGE_TOO_BIG, "Message Too Big");
        NAMES.put(MANDATORY_EXTENSION, "Mandatory Ext.");
        NAMES.put(INTERNAL_ERROR, "Internal Error");
        NAMES.put(SERVICE_RESTART, "Service Restart");
        NAMES.put(TRY_AGAIN_LATER, "Try Again Later");
        NAMES.put(BAD_GATEWAY, "Bad Gateway");
        NAMES.put(TLS_HANDSHAKE, "TLS handshake");
        NAMES.put(UNAUTHORIZED, "Unauthorized");
        NAMES.put(FORBIDDEN, "Forbidden");
        NAMES.put(TIMEOUT, "Timeout");
    }

    private CloseCodes() {
    }

    /** Whether {@code code} may be carried by a close frame (RFC 6455 §7.4.1, §7.4.2). */
    public static boolean isValidOnWire(int code) {
        Category c = category(code);
        return c == Category.DEFINED || c == Category.APPLICATION;
    }

    public static Category category(int code) {
        if (code >= 1000 && code <= 1015) {
            return switch (code) {
                case RESERVED, NO_STATUS_RCVD, ABNORMAL_CLOSURE, TLS_HANDSHAKE -> Category.NEVER_ON_WIRE;
                default -> Category.DEFINED;
            };
        }
        if (code >= 3000 && code <= 4999) {
            return NAMES.containsKey(code) ? Category.DEFINED : Category.APPLICATION;
        }
        return Category.INVALID;
    }

    /** The registry's name for an assigned code; empty for unassigned and private-use codes. */
    public static Optional<String> name(int code) {
        return Optional.ofNullable(NAMES.get(code));
    }

    /** Every assigned code with its registry name, in ascending order. */
    public static Map<Integer, String> assigned() {
        return java.util.Collections.unmodifiableMap(NAMES);
    }
}
