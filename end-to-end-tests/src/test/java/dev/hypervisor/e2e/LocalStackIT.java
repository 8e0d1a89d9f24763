package dev.hypervisor.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The quick start, as a newcomer lives it: up, everything ready behind the gateway, then down. */
class LocalStackIT {

    @Test
    void upServesEveryServiceThroughTheGatewayAndDownStopsEverything() throws Exception {
        try (StackUnderTest stack = new StackUnderTest().start()) {
            // the summary's last line: by then every line before it has been printed (and read)
            assertThat(stack.awaitOutput("Press Ctrl-C to stop", Duration.ofMinutes(4)))
                    .as("./hypervisor up said it is up; it printed:%n%s", stack.output()).isTrue();
            assertThat(stack.output()).contains("Hypervisor is up at").contains(stack.gateway() + "/docs")
                    .contains("logs");

            given().baseUri(stack.gateway()).get("/q/health/ready").then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
            for (String service : List.of("identity", "cluster", "scheduler")) {
                given().baseUri(stack.gateway()).get("/" + service + "/q/health/ready").then()
                        .statusCode(200)
                        .body("status", equalTo("UP"));
                given().baseUri(stack.gateway()).queryParam("format", "json").get("/" + service + "/q/openapi")
                        .then()
                        .statusCode(200)
                        .body("openapi", startsWith("3."))
                        .body("info.title", equalTo("Hypervisor " + service + "-service"));
            }
            given().baseUri(stack.gateway()).get("/docs/").then().statusCode(200).body(containsString("swagger"));

            for (String scheduler : stack.schedulers()) {
                given().baseUri(scheduler).get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"));
            }
            List<Long> started = stack.recordedProcesses();
            assertThat(started).as("postgres, kafka, three services (the scheduler twice) and the gateway").hasSize(7);

            Process down = stack.hypervisor("down").redirectErrorStream(true).start();
            assertThat(down.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(down.exitValue()).isZero();
            assertThat(stack.upProcess().waitFor(30, TimeUnit.SECONDS)).as("up has ended").isTrue();

            // a process told to stop may take a moment to go; wait for each, with a deadline
            assertThat(started).allSatisfy(pid -> assertThat(exits(pid))
                    .as("process %d ends; the stack said:%n%s", pid, stack.output()).isTrue());
            stack.ports.forEach((setting, port) -> assertThat(isFree(port)).as("%s %d is free again", setting, port)
                    .isTrue());
        }
    }

    @Test
    void upRefusesToStartWhenAPortIsTakenAndSaysWhichSettingMovesIt() throws Exception {
        try (StackUnderTest stack = new StackUnderTest();
             ServerSocket squatter = new ServerSocket(stack.ports.get("HV_GATEWAY_PORT"), 50,
                     InetAddress.getLoopbackAddress())) {
            stack.start();

            assertThat(stack.upProcess().waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(stack.upProcess().exitValue()).isEqualTo(1);
            assertThat(stack.output())
                    .contains("port " + squatter.getLocalPort() + " is in use (set HV_GATEWAY_PORT");
            assertThat(stack.recordedProcesses()).isEmpty();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean exits(long pid) {
        return ProcessHandle.of(pid).map(process -> {
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
                return true;
            } catch (Exception stillRunning) {
                return false;
            }
        }).orElse(true);
    }
}
