package dev.hypervisor.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Bad input against every operation the service's OpenAPI document lists: ids that are not UUIDs, bodies that
 * are not JSON or not the right shape, values of the wrong type, nesting thousands deep, strings longer than any
 * field allows (with a NUL, a right-to-left override and an emoji), nonsense query parameters. Every answer must be a 4xx (a body that cannot be read never succeeds), never a 5xx; every 4xx a
 * problem+json; and afterwards every table holds exactly the rows it held before. Each service's test extends
 * this and says who calls and which tables its background work may change meanwhile.
 */
public abstract class BadInputContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUGE = "x".repeat(20_000);
    private static final String STRANGE = "\u0000\u202e\uD83D\uDE00\uFFFF'\";--<script>";

    /** A token that passes authentication, so the requests reach the input handling; asked for once. */
    protected abstract String token();

    /** Tables that background work (audits, relays, sweeps) may change while the test runs. */
    protected abstract Set<String> tablesChangedInBackground();

    @Test
    void badInputIsAFourHundredProblemEverywhereAndChangesNothing() throws Exception {
        JsonNode openApi = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        String token = token();
        Map<String, Long> before = rowCounts();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                for (Attempt attempt : attempts(path.getKey(), operation.getValue(), openApi)) {
                    requests++;
                    check(token, method, attempt, failures);
                }
            }
        }
        assertThat(requests).as("requests sent (the OpenAPI document lists the operations)").isGreaterThan(10);
        assertThat(failures).as("answers to bad input that were not a 4xx problem").isEmpty();
        assertThat(rowCounts()).as("rows per table after the bad input").isEqualTo(before);
    }

    /** One request: a concrete path, maybe a raw body, and whether the body alone makes it unreadable. */
    private record Attempt(String path, String body, boolean unreadable) {
    }

    private List<Attempt> attempts(String template, JsonNode operation, JsonNode openApi) {
        List<Attempt> attempts = new ArrayList<>();
        boolean hasPathIds = template.contains("{");
        String withBadIds = template.replaceAll("\\{[^}]+}", "not-a-uuid");
        boolean hasBody = operation.has("requestBody");
        if (hasPathIds) {
            attempts.add(new Attempt(withBadIds, hasBody ? "{}" : null, false));
            attempts.add(new Attempt(template.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-00000000000g"),
                    hasBody ? "{}" : null, false));
        }
        if (hasBody && !hasPathIds) {
            for (String body : List.of("{", "[]", "\"text\"", "42", "null", "{\"a\": }", "[".repeat(5_000),
                    "{\"" + HUGE + "\": 1}")) {
                attempts.add(new Attempt(template, body, true));
            }
            List<String> properties = properties(operation, openApi);
            if (!properties.isEmpty()) {
                attempts.add(new Attempt(template, bodyWithEach(properties, Map.of("wrong", List.of(1))), true));
                // longer than any field of any request may be, with a NUL, a right-to-left override and an emoji
                attempts.add(new Attempt(template, bodyWithEach(properties, HUGE + STRANGE), true));
                attempts.add(new Attempt(template, bodyWithEach(properties, List.of(HUGE)), true));
            }
        }
        if (!hasPathIds && operation.path("parameters").isArray()) {
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : operation.path("parameters")) {
                if ("query".equals(parameter.path("in").asText())) {
                    query.append(query.length() == 0 ? "?" : "&").append(parameter.path("name").asText())
                            .append("=not-a-").append(parameter.path("name").asText());
                }
            }
            if (query.length() > 0) {
                attempts.add(new Attempt(template + query, hasBody ? "{" : null, hasBody));
            }
        }
        return attempts;
    }

    private static void check(String token, String method, Attempt attempt, List<String> failures) {
        RequestSpecification request = given().auth().oauth2(token).urlEncodingEnabled(false);
        if (attempt.body() != null) {
            request = request.contentType("application/json").body(attempt.body());
        }
        Response response = request.request(method, attempt.path());
        int status = response.statusCode();
        String what = method + " " + abbreviate(attempt.path()) + (attempt.body() == null ? ""
                : " with " + abbreviate(attempt.body())) + " answered " + status;
        if (status >= 500) {
            failures.add(what);
        } else if (status >= 400) {
            String type = response.contentType();
            if (type == null || !type.startsWith("application/problem+json")) {
                failures.add(what + " as " + type + ", not a problem");
            }
        } else if (attempt.unreadable() || attempt.path().contains("not-a-uuid") || attempt.path().contains("000g")) {
            failures.add(what + ": bad input was accepted");
        }
    }

    /** The names of the request body's top-level properties, through one {@code $ref}. */
    private static List<String> properties(JsonNode operation, JsonNode openApi) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            schema = openApi.path("components").path("schemas").path(name);
        }
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String bodyWithEach(List<String> properties, Object value) {
        Map<String, Object> body = new TreeMap<>();
        properties.forEach(property -> body.put(property, value));
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** Rows per table of the service's schema, but the migrations' own and those changed in the background. */
    private Map<String, Long> rowCounts() throws Exception {
        Config config = ConfigProvider.getConfig();
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             Statement sql = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = sql.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                if (table.equals("flyway_schema_history") || tablesChangedInBackground().contains(table)) {
                    continue;
                }
                try (ResultSet count = sql.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }
}
