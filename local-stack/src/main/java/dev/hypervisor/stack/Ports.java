package dev.hypervisor.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks, before anything starts, that every port the stack needs is free. */
final class Ports {

    private Ports() {
    }

    /**
     * Fails with one message naming every taken port, what it was meant for, and the setting that moves it.
     *
     * @param wanted the setting name (such as {@code HV_GATEWAY_PORT}) of each port, mapped to the port
     */
    static void requireFree(String host, Map<String, Integer> wanted) {
        List<String> taken = new ArrayList<>();
        wanted.forEach((setting, port) -> {
            if (!isFree(host, port)) {
                taken.add("port " + port + " is in use (set " + setting + " to use another)");
            }
        });
        if (!taken.isEmpty()) {
            throw new StackException("cannot start: " + String.join("; ", taken)
                    + ". Is another stack running? ./hypervisor down stops it.");
        }
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers bind: connections still closing do not hold the port
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
