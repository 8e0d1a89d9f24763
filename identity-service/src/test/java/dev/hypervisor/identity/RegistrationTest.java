package dev.hypervisor.identity;

import static dev.hypervisor.identity.IdentityClient.PASSWORD;
import static dev.hypervisor.identity.IdentityClient.register;
import static dev.hypervisor.identity.IdentityClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.testing.Race;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class RegistrationTest {

    @Inject
    Sql sql;

    @Test
    void createsAnAccountAndNeverAnswersWithItsPassword() {
        String username = uniqueName("ada");

        register(username, username + "@Example.com", PASSWORD)
                .statusCode(201)
                .header("Location", endsWith("/api/v1/users/me"))
                .body("id", notNullValue())
                .body("username", equalTo(username))
                .body("email", equalTo(username.toLowerCase() + "@example.com"))
                .body("createdAt", notNullValue())
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void storesOnlyABcryptHashOfCostTwelve() {
        String username = uniqueName("hash");
        register(username, username + "@example.com", PASSWORD).statusCode(201);

        String stored = sql.one("SELECT password_hash FROM users WHERE username = ?", row -> row.string("password_hash"),
                username).orElseThrow();

        assertThat(stored).matches("\\$2[aby]\\$12\\$.{53}").doesNotContain(PASSWORD);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "username too short        | ab                 | ok@example.com   | correct horse battery | username",
            "username with a space     | ada lovelace       | ok@example.com   | correct horse battery | username",
            "username with a slash     | ada/lovelace       | ok@example.com   | correct horse battery | username",
            "email without an at       | ada.valid          | not-an-email     | correct horse battery | email",
            "password too short        | ada.valid          | ok@example.com   | short                 | password",
            "a common password         | ada.valid          | ok@example.com   | Password123           | password",
            "password over 72 bytes    | ada.valid          | ok@example.com   | ééééééééééééééééééééééééééééééééééééé | password",
    })
    void refusesInvalidFieldsNamingEach(String description, String username, String email, String password,
                                        String field) {
        register(username, email, password)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void aTakenUsernameOrEmailIsOneConflictThatDoesNotSayWhich() {
        String username = uniqueName("grace");
        register(username, username + "@example.com", PASSWORD).statusCode(201);

        String sameName = register(username.toUpperCase(), uniqueName("other") + "@example.com", PASSWORD)
                .statusCode(409).body("code", equalTo("DUPLICATE_ACCOUNT")).extract().path("detail");
        String sameEmail = register(uniqueName("other"), username.toUpperCase() + "@EXAMPLE.COM", PASSWORD)
                .statusCode(409).body("code", equalTo("DUPLICATE_ACCOUNT")).extract().path("detail");

        assertThat(sameName).isEqualTo(sameEmail);
    }

    @Test
    void ofManyRegistrationsRacingForOneUsernameExactlyOneSucceedsAndTheRestAreConflicts() throws Exception {
        String username = uniqueName("twin");
        List<Integer> statuses = Race.statuses(8, i -> {
            String email = uniqueName("twin") + "@example.com";
            return () -> register(username, email, PASSWORD).extract().statusCode();
        });

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(7);
        int accounts = sql.one("SELECT count(*) AS n FROM users WHERE lower(username) = lower(?)",
                row -> row.integer("n"), username).orElseThrow();
        assertThat(accounts).isEqualTo(1);
    }
}
