package dev.clickstream.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.RawEvent;
import dev.clickstream.rest.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * With security on: a bad or missing credential, or one without the needed role, is answered 401 or 403 as
 * problem+json and publishes nothing; the right role publishes; reads stay open.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class HttpSecurityTest {

    private static final String EVENT = "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}";

    /** What reached Kafka's raw_events: in this profile, the in-memory channel. */
    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector channels;

    @BeforeEach
    void forgetEarlierEvents() {
        sent().clear();
    }

    private InMemorySink<RawEvent> sent() {
        return channels.sink(Channels.RAW_EVENTS_OUT);
    }

    /** Each case: what the Authorization header holds (null: none) and the status it must get. */
    static Stream<Arguments> refusedCredentials() {
        String publisher = "publisher";
        Instant later = Instant.now().plusSeconds(300);
        return Stream.of(
                Arguments.of("no credential", null, 401),
                Arguments.of("wrong password", TestCredentials.basic(TestCredentials.PUBLISHER, "not-the-password"), 401),
                Arguments.of("unknown user", TestCredentials.basic("mallory", TestCredentials.PASSWORD), 401),
                Arguments.of("empty password", TestCredentials.basic(TestCredentials.PUBLISHER, ""), 401),
                Arguments.of("wrong role (operator)", TestCredentials.basic(TestCredentials.OPERATOR, TestCredentials.PASSWORD), 403),
                Arguments.of("no write role (reader)", TestCredentials.basic(TestCredentials.READER, TestCredentials.PASSWORD), 403),
                Arguments.of("malformed Basic: not base64", "Basic %%%not-base64%%%", 401),
                Arguments.of("malformed Basic: no colon", "Basic cGlh", 401),
                Arguments.of("malformed: scheme only", "Basic", 401),
                Arguments.of("malformed Bearer: not a JWT", "Bearer not.a.jwt", 401),
                Arguments.of("malformed Bearer: empty", "Bearer ", 401),
                Arguments.of("unknown scheme", "Digest username=\"pia\"", 401),
                Arguments.of("expired token", TestCredentials.token(TestCredentials.ISSUER, TestCredentials.AUDIENCE,
                        Set.of(publisher), Instant.now().minusSeconds(3600), TestCredentials.signingKey()), 401),
                Arguments.of("badly signed token", TestCredentials.token(TestCredentials.ISSUER, TestCredentials.AUDIENCE,
                        Set.of(publisher), later, TestCredentials.strangerKey()), 401),
                Arguments.of("token for another audience", TestCredentials.token(TestCredentials.ISSUER, "another-service",
                        Set.of(publisher), later, TestCredentials.signingKey()), 401),
                Arguments.of("token from another issuer", TestCredentials.token("https://elsewhere.example",
                        TestCredentials.AUDIENCE, Set.of(publisher), later, TestCredentials.signingKey()), 401),
                Arguments.of("unsigned token (alg none)", "Bearer " + unsigned(), 401),
                Arguments.of("token without the role", TestCredentials.token(Set.of("reader")), 403),
                Arguments.of("token with the operator role only", TestCredentials.token(Set.of("operator")), 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCredentials")
    void refusesAPublishWithoutTheRightCredentialAndPublishesNothing(String label, String authorization, int status) {
        Response response = post("/events", authorization, EVENT);

        assertProblem(response, status);
        assertThat(sent().received()).as(label).isEmpty();
    }

    @Test
    void publishesForAPublisherByBasicOrToken() {
        given().header("Authorization", TestCredentials.basic(TestCredentials.PUBLISHER, TestCredentials.PASSWORD))
                .contentType(ContentType.JSON).body(EVENT)
                .when().post("/events").then().statusCode(202).body("accepted", equalTo(1));
        given().header("Authorization", TestCredentials.token(Set.of("publisher")))
                .contentType(ContentType.JSON).body(EVENT)
                .when().post("/events").then().statusCode(202).body("accepted", equalTo(1));

        assertThat(sent().received()).hasSize(2);
    }

    @Test
    void drivesTheGeneratorOnlyAsOperator() {
        assertProblem(post("/generator/stop", null, ""), 401);
        assertProblem(post("/generator/stop", TestCredentials.basic(TestCredentials.PUBLISHER, TestCredentials.PASSWORD), ""), 403);
        assertProblem(post("/generator/start?count=1", TestCredentials.token(Set.of("publisher")), ""), 403);

        given().header("Authorization", TestCredentials.basic(TestCredentials.OPERATOR, TestCredentials.PASSWORD))
                .when().post("/generator/stop").then().statusCode(200).body("running", equalTo(false));
        given().header("Authorization", TestCredentials.token(Set.of("operator")))
                .when().post("/generator/stop").then().statusCode(200);
    }

    @Test
    void pausesAndResumesTheProcessorOnlyAsOperator() {
        for (String path : List.of("/processor/pause", "/processor/resume")) {
            assertProblem(post(path, null, ""), 401);
            assertProblem(post(path, TestCredentials.basic(TestCredentials.PUBLISHER, TestCredentials.PASSWORD), ""), 403);
            // Past the permission: the in-memory channels have no Kafka consumer to pause.
            post(path, TestCredentials.basic(TestCredentials.OPERATOR, TestCredentials.PASSWORD), "").then()
                    .statusCode(503).contentType(Problem.MEDIA_TYPE).body("title", equalTo("Processor not connected"));
        }
    }

    @Test
    void guardsDevControlsAsOperatorWhereverTheyAre() {
        // No such resource here: the permission answers before routing, so any /dev endpoint is covered.
        assertProblem(post("/dev/brokers/1/stop", null, ""), 401);
        assertProblem(post("/dev/brokers/1/stop", TestCredentials.basic(TestCredentials.PUBLISHER, TestCredentials.PASSWORD), ""), 403);
    }

    @Test
    void leavesReadsOpen() {
        given().when().get("/events/processed").then().statusCode(200);
        given().when().get("/generator").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void answersNoCrossOriginBrowserByDefault() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .when().options("/events")
                .then().header("Access-Control-Allow-Origin", (String) null);
    }

    static void assertProblem(Response response, int status) {
        response.then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("title", equalTo(status == 401 ? "Unauthorized" : "Forbidden"));
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).as("WWW-Authenticate").isNotBlank();
        }
    }

    private static Response post(String path, String authorization, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().post(path);
    }

    /** A token that claims the publisher role with no signature at all. */
    private static String unsigned() {
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = encoder.encodeToString(("{\"iss\":\"" + TestCredentials.ISSUER + "\",\"aud\":\"clickstream\","
                + "\"sub\":\"x\",\"groups\":[\"publisher\"],\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}").getBytes());
        return header + "." + claims + ".";
    }
}
