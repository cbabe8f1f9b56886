package dev.clickstream.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code clickstream.security.protect-reads=true}: every read needs a caller, probes excepted; CORS for one origin. */
@QuarkusTest
@TestProfile(ProtectedReadsTest.ReadsProtected.class)
class ProtectedReadsTest {

    static final String CONSOLE_ORIGIN = "https://console.clickstream.test";

    public static class ReadsProtected implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestCredentials.serviceConfig());
            config.put("clickstream.security.protect-reads", "true");
            config.put("quarkus.http.cors.enabled", "true");
            config.put("quarkus.http.cors.origins", CONSOLE_ORIGIN);
            return config;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/events/processed", "/generator", "/q/metrics", "/q/openapi", "/kafka/overview",
            "/kafka/feed" })
    void refusesAnAnonymousRead(String path) {
        HttpSecurityTest.assertProblem(given().when().get(path), 401);
    }

    @Test
    void refusesAReadWithAWrongPassword() {
        HttpSecurityTest.assertProblem(given().header("Authorization",
                TestCredentials.basic(TestCredentials.READER, "wrong")).when().get("/events/processed"), 401);
    }

    @Test
    void servesAnyAuthenticatedCaller() {
        given().header("Authorization", TestCredentials.basic(TestCredentials.READER, TestCredentials.PASSWORD))
                .when().get("/events/processed").then().statusCode(200);
        given().header("Authorization", TestCredentials.token(java.util.Set.of()))
                .when().get("/generator").then().statusCode(200);
    }

    /** The page's own files hold no data; its sign-in box takes the credentials for the data it reads. */
    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/js/auth.js", "/js/console.js", "/console.css" })
    void servesTheConsolePagesOwnFilesToAnyone(String path) {
        given().when().get(path).then().statusCode(200);
    }

    @Test
    void keepsProbesOpen() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void allowsCrossOriginCallsFromTheConfiguredOriginOnly() {
        given().header("Origin", CONSOLE_ORIGIN).header("Access-Control-Request-Method", "POST")
                .when().options("/events")
                .then().header("Access-Control-Allow-Origin", equalTo(CONSOLE_ORIGIN));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .when().options("/events")
                .then().header("Access-Control-Allow-Origin", not(equalTo("https://elsewhere.example")));
    }
}
