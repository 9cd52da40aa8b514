package org.netconform.reference.nat;

/**
 * Dotted-quad IPv4 addresses as text. The model keeps addresses as strings (the vendor interface and
 * the namespace labs do too), so it only checks that a string is one canonical dotted quad: four
 * decimal octets 0..255 without leading zeros, so that equal addresses are equal strings.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** True for a canonical dotted quad such as {@code 203.0.113.1}. */
    public static boolean isValid(String address) {
        if (address == null) {
            return false;
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Returns the address, or throws {@link IllegalArgumentException} when it is not a canonical dotted quad. */
    public static String requireValid(String address) {
        if (!isValid(address)) {
            throw new IllegalArgumentException("not a canonical dotted-quad IPv4 address: " + address);
        }
        return address;
    }
}
