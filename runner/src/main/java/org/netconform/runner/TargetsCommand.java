package org.netconform.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.netconform.harness.Targets;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import picocli.CommandLine.Command;

/** {@code netconform targets}: the registered targets, their areas and layers. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "List the registered targets: ID, what each adapter covers (area, role, layer), description. Besides these: any ws:// or wss:// URL (a live WebSocket server), cmd:PROGRAM (the stdio protocol).")
final class TargetsCommand implements Callable<Integer> {

    /** What an adapter interface covers, as the report groups it. */
    static String covers(AreaAdapter a) {
        List<String> kinds = new ArrayList<>();
        for (Class<?> c = a.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                collect(i, kinds);
            }
        }
        String kind = kinds.isEmpty() ? a.getClass().getSimpleName() : kinds.get(0);
        return kind + " (" + a.layer().label() + ")";
    }

    private static void collect(Class<?> i, List<String> out) {
        if (!AreaAdapter.class.isAssignableFrom(i) || i == AreaAdapter.class) {
            return;
        }
        String label = switch (i.getSimpleName()) {
            case "ByteOrderCodec" -> "byte-order codec";
            case "UdpStackAdapter" -> "UDP stack";
            case "NatAdapter" -> "NAT";
            case "WebSocketCodec" -> "WebSocket codec";
            case "WebSocketServerAdapter" -> "WebSocket server";
            case "WebSocketClientAdapter" -> "WebSocket client";
            default -> null;
        };
        if (label != null && !out.contains(label)) {
            out.add(label);
        }
        for (Class<?> s : i.getInterfaces()) {
            collect(s, out);
        }
    }

    @Override
    public Integer call() {
        Map<String, Target> all = Targets.registered();
        int w = all.keySet().stream().mapToInt(String::length).max().orElse(10);
        System.out.printf("%-" + w + "s  %-44s  %s%n", "target", "covers (layer)", "description");
        for (Target t : all.values()) {
            List<String> covers = t.adapters().stream().map(TargetsCommand::covers).distinct().toList();
            System.out.printf("%-" + w + "s  %-44s  %s%n", t.id(), String.join(", ", covers), t.description());
        }
        System.out.println();
        System.out.println(all.size() + " registered targets; also: ws://HOST:PORT/PATH or wss://... (a live WebSocket server),"
                + " cmd:PROGRAM or cmd:@target.json (a program over the stdio protocol), all (every registered target)");
        return 0;
    }
}
