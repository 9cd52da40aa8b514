package org.netconform.stdio;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/** The JSON of the protocol: Jackson, non-ASCII written as \\u escapes so any string (a lone surrogate too) travels as is. */
final class Json {
    /**
     * Jackson refuses strings over 20 million characters by default; a program's line may be 32 MiB (a
     * 16 MiB payload in base64 is 22.4 million characters), so one string may be as long as a line.
     */
    static final JsonMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(ShimProcess.MAX_LINE).build()).build())
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** The octets of a base64 field; a missing or malformed one is the shim's fault. */
    static byte[] octets(JsonNode node, String field, String op) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new StdioFault("the answer to " + op + " has no base64 string '" + field + "': " + excerpt(node.toString()));
        }
        try {
            return Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw new StdioFault("the answer to " + op + " has '" + field + "' that is not base64: " + excerpt(v.asText()));
        }
    }

    static int integer(JsonNode node, String field, String op) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new StdioFault("the answer to " + op + " has no integer '" + field + "': " + excerpt(node.toString()));
        }
        return v.intValue();
    }

    static String text(JsonNode node, String field, String op) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new StdioFault("the answer to " + op + " has no string '" + field + "': " + excerpt(node.toString()));
        }
        return v.asText();
    }

    /** The last lines of a log, each shortened, for a reason. */
    static String excerptLines(String text) {
        String[] lines = text.split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, lines.length - 8); i < lines.length; i++) {
            String l = lines[i].length() > 300 ? lines[i].substring(0, 300) + "..." : lines[i];
            b.append("  | ").append(l.replaceAll("\\p{Cntrl}", "?")).append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** A line or value shortened and with control characters replaced, safe to put in a reason. */
    static String excerpt(String s) {
        String t = s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars)" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
