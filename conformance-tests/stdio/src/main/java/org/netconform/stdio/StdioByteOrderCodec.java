package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.netconform.spi.byteorder.ByteOrderCodec;
import org.netconform.spi.byteorder.FieldRead;
import org.netconform.spi.byteorder.Width;

/**
 * {@link ByteOrderCodec} over the stdio protocol: {@code byteorder.write}, {@code byteorder.read},
 * {@code byteorder.readThroughView}, {@code byteorder.bits}, {@code byteorder.withBits}. Values travel as
 * decimal strings of the integer meant (a u64 as its unsigned value), so no language's number type
 * rounds them; a value read back is taken modulo 2^64, so a signed read stays visible as one.
 */
final class StdioByteOrderCodec extends StdioAdapter implements ByteOrderCodec {

    StdioByteOrderCodec(Session session, TargetSpec.Area area) {
        super(session, area);
    }

    static String width(Width w) {
        return w.name().toLowerCase();
    }

    static String order(ByteOrder o) {
        return o == ByteOrder.BIG_ENDIAN ? "big" : "little";
    }

    /** The integer the harness means by {@code value} at this width: unsigned for u64, signed otherwise. */
    static String value(Width w, long value) {
        return w == Width.U64 ? Long.toUnsignedString(value) : Long.toString(value);
    }

    static long parse(JsonNode result, String field, String op) {
        String s = Json.text(result, field, op);
        try {
            return new BigInteger(s).longValue();
        } catch (NumberFormatException e) {
            throw new StdioFault("the answer to " + op + " has '" + field + "' that is no decimal integer: " + Json.excerpt(s));
        }
    }

    @Override
    public byte[] write(Width width, long value, ByteOrder order) {
        ObjectNode args = Json.object().put("width", width(width)).put("value", value(width, value)).put("order", order(order));
        return Json.octets(session.call("byteorder.write", args), "octets", "byteorder.write");
    }

    @Override
    public FieldRead read(Width width, byte[] octets, ByteOrder order) {
        ObjectNode args = Json.object().put("width", width(width)).put("octets", Json.b64(octets)).put("order", order(order));
        JsonNode r = session.call("byteorder.read", args);
        JsonNode unread = r.get("unread");
        int u = unread == null || unread.isNull() ? FieldRead.UNKNOWN : Json.integer(r, "unread", "byteorder.read");
        return new FieldRead(parse(r, "value", "byteorder.read"), u);
    }

    @Override
    public List<String> views() {
        List<String> views = new ArrayList<>();
        area.declaration().path("views").forEach(v -> views.add(v.asText()));
        return views;
    }

    @Override
    public long readThroughView(String view, Width width, byte[] octets, ByteOrder order) {
        ObjectNode args = Json.object().put("view", view).put("width", width(width)).put("octets", Json.b64(octets))
                .put("order", order(order));
        return parse(session.call("byteorder.readThroughView", args), "value", "byteorder.readThroughView");
    }

    @Override
    public long bits(long word, int first, int last) {
        ObjectNode args = Json.object().put("word", Long.toString(word)).put("first", first).put("last", last);
        return parse(session.call("byteorder.bits", args), "value", "byteorder.bits");
    }

    @Override
    public long withBits(long word, int first, int last, long value) {
        ObjectNode args = Json.object().put("word", Long.toString(word)).put("first", first).put("last", last)
                .put("value", Long.toString(value));
        return parse(session.call("byteorder.withBits", args), "value", "byteorder.withBits");
    }
}
