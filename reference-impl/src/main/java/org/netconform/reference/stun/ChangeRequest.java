package org.netconform.reference.stun;

/** The CHANGE-REQUEST flags (RFC 5780 §7.2): A is "change IP" (0x04), B "change port" (0x02). */
public record ChangeRequest(boolean changeIp, boolean changePort) {
    public static final ChangeRequest NONE = new ChangeRequest(false, false);
    public static final ChangeRequest IP = new ChangeRequest(true, false);
    public static final ChangeRequest PORT = new ChangeRequest(false, true);
    public static final ChangeRequest BOTH = new ChangeRequest(true, true);

    public StunAttribute attribute() {
        byte[] v = new byte[4];
        v[3] = (byte) ((changeIp ? 0x04 : 0) | (changePort ? 0x02 : 0));
        return new StunAttribute(AttributeType.CHANGE_REQUEST, v);
    }

    /** Reads the flags; other bits are ignored. */
    public static ChangeRequest read(StunAttribute a) {
        byte[] v = a.value();
        if (v.length != 4) {
            throw new StunFormatException("CHANGE-REQUEST has 4 octets, not " + v.length);
        }
        return new ChangeRequest((v[3] & 0x04) != 0, (v[3] & 0x02) != 0);
    }

    @Override
    public String toString() {
        return changeIp && changePort ? "change IP and port" : changeIp ? "change IP" : changePort ? "change port" : "no change";
    }
}
