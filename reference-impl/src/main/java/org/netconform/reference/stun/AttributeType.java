package org.netconform.reference.stun;

import java.util.Map;

/**
 * Attribute types of RFC 8489 §18.3 and RFC 5780 §7, and the RFC 3489 ones a classic client still
 * sends or expects. Types 0x0000..0x7FFF are comprehension-required, 0x8000..0xFFFF
 * comprehension-optional (RFC 8489 §14).
 */
public final class AttributeType {
    public static final int MAPPED_ADDRESS = 0x0001;
    /** RFC 3489 only; "Reserved; was RESPONSE-ADDRESS" since RFC 5389. */
    public static final int RESPONSE_ADDRESS = 0x0002;
    /** RFC 3489, redefined by RFC 5780 §7.2. */
    public static final int CHANGE_REQUEST = 0x0003;
    /** RFC 3489 only: the address the response was sent from (RFC 5780's RESPONSE-ORIGIN). */
    public static final int SOURCE_ADDRESS = 0x0004;
    /** RFC 3489 only: the server's other address and port (RFC 5780's OTHER-ADDRESS). */
    public static final int CHANGED_ADDRESS = 0x0005;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int PASSWORD_ALGORITHM = 0x001D;
    public static final int USERHASH = 0x001E;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PADDING = 0x0026;
    public static final int RESPONSE_PORT = 0x0027;
    public static final int PASSWORD_ALGORITHMS = 0x8002;
    public static final int ALTERNATE_DOMAIN = 0x8003;
    /** SOFTWARE in RFC 8489; SERVER in RFC 3489, same number. */
    public static final int SOFTWARE = 0x8022;
    public static final int ALTERNATE_SERVER = 0x8023;
    public static final int FINGERPRINT = 0x8028;
    public static final int RESPONSE_ORIGIN = 0x802B;
    public static final int OTHER_ADDRESS = 0x802C;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(MAPPED_ADDRESS, "MAPPED-ADDRESS"), Map.entry(RESPONSE_ADDRESS, "RESPONSE-ADDRESS"),
            Map.entry(CHANGE_REQUEST, "CHANGE-REQUEST"), Map.entry(SOURCE_ADDRESS, "SOURCE-ADDRESS"),
            Map.entry(CHANGED_ADDRESS, "CHANGED-ADDRESS"), Map.entry(USERNAME, "USERNAME"),
            Map.entry(MESSAGE_INTEGRITY, "MESSAGE-INTEGRITY"), Map.entry(ERROR_CODE, "ERROR-CODE"),
            Map.entry(UNKNOWN_ATTRIBUTES, "UNKNOWN-ATTRIBUTES"), Map.entry(REALM, "REALM"), Map.entry(NONCE, "NONCE"),
            Map.entry(MESSAGE_INTEGRITY_SHA256, "MESSAGE-INTEGRITY-SHA256"),
            Map.entry(PASSWORD_ALGORITHM, "PASSWORD-ALGORITHM"), Map.entry(USERHASH, "USERHASH"),
            Map.entry(XOR_MAPPED_ADDRESS, "XOR-MAPPED-ADDRESS"), Map.entry(PADDING, "PADDING"),
            Map.entry(RESPONSE_PORT, "RESPONSE-PORT"), Map.entry(PASSWORD_ALGORITHMS, "PASSWORD-ALGORITHMS"),
            Map.entry(ALTERNATE_DOMAIN, "ALTERNATE-DOMAIN"), Map.entry(SOFTWARE, "SOFTWARE"),
            Map.entry(ALTERNATE_SERVER, "ALTERNATE-SERVER"), Map.entry(FINGERPRINT, "FINGERPRINT"),
            Map.entry(RESPONSE_ORIGIN, "RESPONSE-ORIGIN"), Map.entry(OTHER_ADDRESS, "OTHER-ADDRESS"));

    private AttributeType() {
    }

    public static boolean comprehensionRequired(int type) {
        return (type & 0x8000) == 0;
    }

    /** The registered name, or the number in hex. */
    public static String name(int type) {
        String n = NAMES.get(type);
        return n != null ? n : String.format("0x%04X", type);
    }
}
