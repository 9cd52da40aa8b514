package org.netconform.suites.wsserver;

/**
 * What every frame a server sends must satisfy, each rule with the requirement it checks. The ID is a
 * typed value here, so a violation is filtered by its rule, never by parsing a message.
 */
enum SenderRule {
    RSV_CLEAR("WS-FRAME-1"),
    DEFINED_OPCODE("WS-FRAME-3"),
    MINIMAL_LENGTH("WS-FRAME-5"),
    UNMASKED("WS-MASK-3"),
    CONTROL_AT_MOST_125("WS-CTRL-1"),
    CONTROL_HAS_FIN("WS-CTRL-2"),
    CONTINUATION_IN_MESSAGE("WS-FRAG-1"),
    NO_INTERLEAVED_MESSAGES("WS-FRAG-4"),
    VALID_UTF8("WS-UTF8-1"),
    CLOSE_PAYLOAD_WELL_FORMED("WS-CLOSE-1"),
    NO_RESERVED_CLOSE_CODE("WS-CLOSE-4"),
    CLOSE_CODE_VALID("WS-CLOSE-5"),
    NO_DATA_AFTER_CLOSE("WS-CLOSE-14"),
    ONE_CLOSE("WS-CLOSE-15");

    private final String requirement;

    SenderRule(String requirement) {
        this.requirement = requirement;
    }

    String requirement() {
        return requirement;
    }
}
