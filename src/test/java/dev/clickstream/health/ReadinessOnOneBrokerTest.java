package dev.clickstream.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.clickstream.testing.RealKafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** On one broker every topic has one replica, which is enough for an {@code acks=all} write: ready. */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class ReadinessOnOneBrokerTest {

    @Test
    void isReadyWithEveryDeclaredTopicWritable() {
        String check = "checks.find { it.name == '" + WritablePartitionsCheck.NAME + "' }";
        JsonPath ready = await("ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().when().get("/q/health/ready").then().extract().jsonPath(),
                        json -> "UP".equals(json.getString("status")));

        assertThat(ready.getString(check + ".status")).isEqualTo("UP");
        assertThat(ready.getString(check + ".data.topics")).isEqualTo("processed_events, raw_events, raw_events_dlq");
    }
}
