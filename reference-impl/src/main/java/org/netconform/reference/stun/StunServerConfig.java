package org.netconform.reference.stun;

import java.util.Optional;

/**
 * How the reference server answers.
 *
 * @param software       the SOFTWARE value it adds (RFC 8489 §6.3.1.1 SHOULD), or none
 * @param classicClients answer classic RFC 3489 requests (RFC 8489 §12 SHOULD) rather than discard them
 * @param responsePort   support RESPONSE-PORT (RFC 5780 §7.5, optional); without it 0x0027 is unknown
 * @param padding        support PADDING (RFC 5780 §7.6); without it 0x0026 is unknown
 * @param paddingLength  the PADDING length it answers with: the outgoing MTU rounded up to a multiple
 *                       of 4 (RFC 5780 §6.1 SHOULD); 1500 unless told otherwise
 * @param fingerprint    when it adds FINGERPRINT to a response
 */
public record StunServerConfig(Optional<String> software, boolean classicClients, boolean responsePort, boolean padding,
                               int paddingLength, FingerprintPolicy fingerprint) {
    public static final String SOFTWARE = "netconform reference STUN server";

    /** When a response carries FINGERPRINT. */
    public enum FingerprintPolicy {
        /** When the request carried one. */
        ECHO, ALWAYS, NEVER
    }

    public StunServerConfig {
        if (paddingLength < 0 || paddingLength % 4 != 0 || paddingLength > 65000) {
            throw new IllegalArgumentException("PADDING length is a multiple of 4 within a datagram: " + paddingLength);
        }
    }

    public static StunServerConfig defaults() {
        return new StunServerConfig(Optional.of(SOFTWARE), true, true, true, 1500, FingerprintPolicy.ECHO);
    }

    public StunServerConfig withSoftware(Optional<String> s) {
        return new StunServerConfig(s, classicClients, responsePort, padding, paddingLength, fingerprint);
    }

    public StunServerConfig withClassicClients(boolean on) {
        return new StunServerConfig(software, on, responsePort, padding, paddingLength, fingerprint);
    }

    public StunServerConfig withResponsePort(boolean on) {
        return new StunServerConfig(software, classicClients, on, padding, paddingLength, fingerprint);
    }

    public StunServerConfig withPadding(boolean on, int length) {
        return new StunServerConfig(software, classicClients, responsePort, on, length, fingerprint);
    }

    public StunServerConfig withFingerprint(FingerprintPolicy policy) {
        return new StunServerConfig(software, classicClients, responsePort, padding, paddingLength, policy);
    }
}
