package dev.hypervisor.runtime.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address of the client a request comes from: behind a trusted proxy (the gateway, an ingress) the one the
 * proxy names in {@code X-Forwarded-For}, otherwise the connection's own.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
