package org.netconform.spec;

/** A malformed area file: says which file, which line, and what is wrong. */
public final class SpecFormatException extends RuntimeException {
    public SpecFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
