package dev.hypervisor.common.stream;

/**
 * One event of a {@code text/event-stream} as the API's streams send them: {@code id} (the deployment event's id),
 * {@code event} (its type) and {@code data} (its envelope's JSON).
 */
public record ServerSentEvent(String id, String event, String data) {
}
