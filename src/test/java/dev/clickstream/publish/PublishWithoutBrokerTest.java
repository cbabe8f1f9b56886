package dev.clickstream.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clickstream.testing.FreePorts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** {@code raw-events-out} on the real Kafka connector, pointed at a port where no broker listens. */
@QuarkusTest
@TestProfile(PublishWithoutBrokerTest.NoBroker.class)
class PublishWithoutBrokerTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.raw-events-out.connector", "smallrye-kafka",
                    "kafka.bootstrap.servers", "localhost:" + FreePorts.next(),
                    // The producer's own give-up time, back at Kafka's default of a minute: only the ack timeout
                    // can answer sooner.
                    "mp.messaging.outgoing.raw-events-out.max.block.ms", "60000",
                    "clickstream.publish.ack-timeout", "1s",
                    "clickstream.publish.retry-after", "7s");
        }
    }

    @Test
    void answers503WithRetryAfterOnceTheAckTimeoutIsOver() {
        long start = System.nanoTime();

        given().contentType(ContentType.JSON)
                .body("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}")
                .when().post("/events")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("7"))
                .body("status", equalTo(503)).body("detail", notNullValue());

        // Seconds, not the producer's minute; generous, as a loaded machine may be slow to start the request.
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_000L, 20_000L);
    }
}
