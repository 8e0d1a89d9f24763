package dev.hypervisor.runtime.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * A created resource's {@code Location} names a URL that works from where the client called: this service's
 * own address when called directly, the gateway's or ingress's (scheme, host and port) when called through it.
 */
@QuarkusTest
class CreatedTest {

    @Test
    void calledDirectlyTheLocationIsTheServicesOwn() {
        given().post("/things").then().statusCode(201)
                .header("Location", equalTo("http://localhost:" + RestAssured.port + "/things/42"));
    }

    @Test
    void behindTheGatewayTheLocationKeepsTheGatewaysPort() {
        given().header("X-Forwarded-Proto", "http").header("X-Forwarded-Host", "localhost:8080")
                .header("X-Forwarded-For", "127.0.0.1")
                .post("/things").then().statusCode(201)
                .header("Location", equalTo("http://localhost:8080/things/42"));
    }

    @Test
    void behindAnHttpsIngressTheLocationIsTheIngresss() {
        given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "hypervisor.example.com")
                .header("X-Forwarded-Port", "443")
                .post("/things").then().statusCode(201)
                .header("Location", equalTo("https://hypervisor.example.com/things/42"));
    }
}
