package dev.hypervisor.common.stream;

import java.util.Optional;

/**
 * Reads a {@code text/event-stream} line by line (the WHATWG format): fields {@code id}, {@code event} and
 * {@code data} (several data lines joined by newlines), comments (lines starting with {@code :}) ignored, and an
 * event complete at the empty line that follows it. Not thread-safe: one reader per stream.
 */
public final class ServerSentEventReader {

    private String id;
    private String event;
    private StringBuilder data;

    /** Takes the next line (without its line break); answers the event it completes, if it does. */
    public Optional<ServerSentEvent> accept(String line) {
        if (line.isEmpty()) {
            if (data == null && id == null && event == null) {
                return Optional.empty(); // a blank line after a comment, or a second one
            }
            ServerSentEvent complete = new ServerSentEvent(id, event == null ? "message" : event,
                    data == null ? "" : data.toString());
            id = null;
            event = null;
            data = null;
            return Optional.of(complete);
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
                // retry and unknown fields: nothing the API's streams need
            }
        }
        return Optional.empty();
    }
}
