package dev.hypervisor.common.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ServerSentEventReaderTest {

    @Test
    void eventsEndAtTheBlankLineAndCommentsAreNotEvents() {
        List<ServerSentEvent> events = read(": keep-alive", "", "id: 1", "event: DeploymentQueued",
                "data: {\"a\":1}", "", "id:2", "data:first", "data: second", "", "");
        assertThat(events).containsExactly(new ServerSentEvent("1", "DeploymentQueued", "{\"a\":1}"),
                new ServerSentEvent("2", "message", "first\nsecond"));
    }

    @Test
    void anEventCutOffBeforeItsBlankLineIsNotAnEvent() {
        assertThat(read("id: 3", "data: {")).isEmpty();
    }

    private static List<ServerSentEvent> read(String... lines) {
        ServerSentEventReader reader = new ServerSentEventReader();
        return Stream.of(lines).map(reader::accept).flatMap(Optional::stream).toList();
    }
}
