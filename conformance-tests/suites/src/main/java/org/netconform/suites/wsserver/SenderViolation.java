package org.netconform.suites.wsserver;

/** A frame or message the server sent that breaks a {@link SenderRule}. */
record SenderViolation(SenderRule rule, String detail) {
    @Override
    public String toString() {
        return rule == null ? detail : rule.requirement() + " " + detail;
    }
}
