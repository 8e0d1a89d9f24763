package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.PASSWORD;
import static dev.hypervisor.identity.IdentityClient.createInvite;
import static dev.hypervisor.identity.IdentityClient.createOrganization;
import static dev.hypervisor.identity.IdentityClient.join;
import static dev.hypervisor.identity.IdentityClient.login;
import static dev.hypervisor.identity.IdentityClient.newUser;
import static dev.hypervisor.identity.IdentityClient.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            lines.add(parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("hypervisor.audit").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("hypervisor.audit").removeHandler(capture);
    }

    @Test
    void recordsSecurityEventsWithoutTheirSecrets() {
        IdentityClient.User user = newUser("audited");
        login(user.username(), "wrong password here").statusCode(401);
        String refreshed = refresh(user.refreshToken()).statusCode(200).extract().path("refreshToken");
        JsonPath created = createOrganization(user, "Audited");
        IdentityClient.User owner = user.withToken(created.getString("accessToken"));
        UUID organization = UUID.fromString(created.getString("id"));
        String code = createInvite(owner, organization, Map.of("role", "VIEWER")).statusCode(201).extract().path("code");
        join(newUser("joiner"), code).statusCode(200);

        assertThat(lines).anyMatch(line -> line.startsWith("login_succeeded ") && line.contains(user.id().toString()))
                .anyMatch(line -> line.startsWith("login_failed ") && line.contains(user.username()))
                .anyMatch(line -> line.startsWith("token_refreshed "))
                .anyMatch(line -> line.startsWith("organization_created ") && line.contains(organization.toString()))
                .anyMatch(line -> line.startsWith("invite_created ") && line.contains("role=VIEWER"))
                .anyMatch(line -> line.startsWith("invite_used "));
        assertThat(lines).noneMatch(line -> line.contains(PASSWORD) || line.contains("wrong password here")
                || line.contains(user.refreshToken()) || line.contains(refreshed) || line.contains(code)
                || line.contains(user.accessToken()));
    }
}
