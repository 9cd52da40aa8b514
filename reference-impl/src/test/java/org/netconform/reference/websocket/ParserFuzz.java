package org.netconform.reference.websocket;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.netconform.reference.websocket.ParserContract.Parser;
import org.netconform.reference.websocket.ParserContract.Result;
import org.netconform.spi.websocket.Role;

/**
 * A bounded fuzz run of the reference parsers' contract ({@link ParserContract}), on demand (not part of the
 * build), like a benchmark:
 *
 * <pre>reference-server-cli/bin/parser-fuzz 1000000 1</pre>
 *
 * Arguments: how many inputs (default 1 000 000) and the seed (default 1). Each input goes to one parser in turn:
 * a mutated or random response head, request head, or frame stream for each role, fed in random chops. Prints
 * the inputs per parser, how many were accepted and refused, the rate, and every breach (at most 20, each with
 * its input in hex); exits 1 if there was one.
 */
public final class ParserFuzz {
    private ParserFuzz() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Random r = new Random(seed);
        Map<Parser, long[]> counts = new EnumMap<>(Parser.class);
        for (Parser p : Parser.values()) {
            counts.put(p, new long[2]);
        }
        int breaches = 0;
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            Parser p = Parser.values()[(int) (i % Parser.values().length)];
            byte[] input = input(p, r);
            List<Integer> chops = r.nextBoolean() ? List.of() : List.of(1 + r.nextInt(200), 1 + r.nextInt(7));
            try {
                Result res = ParserContract.check(p, input, chops);
                counts.get(p)[res == Result.ACCEPTED ? 0 : 1]++;
            } catch (ParserContract.Breach b) {
                breaches++;
                if (breaches <= 20) {
                    System.out.println("BREACH at input " + i + ": " + b.getMessage());
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("parser fuzz: %d inputs (seed %d) in %.1f s, %.0f inputs/s%n", n, seed, s, n / s);
        counts.forEach((p, c) -> System.out.printf("  %-13s %9d accepted %9d refused with the parser's own exception%n",
                p, c[0], c[1]));
        System.out.printf("  breaches of the contract: %d%n", breaches);
        System.exit(breaches == 0 ? 0 : 1);
    }

    private static byte[] input(Parser p, Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return ParserContract.bytes(r, r.nextInt(400));
        }
        byte[] sample = switch (p) {
            case RESPONSE -> ParserContract.RESPONSES.get(r.nextInt(ParserContract.RESPONSES.size()));
            case REQUEST -> ParserContract.REQUESTS.get(r.nextInt(ParserContract.REQUESTS.size()));
            case SERVER_FRAMES -> ParserContract.frames(Role.SERVER, r);
            case CLIENT_FRAMES -> ParserContract.frames(Role.CLIENT, r);
        };
        return kind == 1 ? sample : ParserContract.apply(sample, ParserContract.edits(r));
    }
}
