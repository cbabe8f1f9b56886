package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.RealKafkaProfile;
import dev.clickstream.testing.Scrape;
import dev.clickstream.testing.Scrape.Sample;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The Kafka clients' own metrics at {@code /q/metrics}, through Micrometer's Kafka client binder: the processor's
 * consumer reports its lag per partition of {@code raw_events}, and every producer its sends.
 */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class KafkaClientMetricsTest {

    private static final String RECORDS_LAG = "kafka_consumer_fetch_manager_records_lag";

    @Test
    void theProcessorsConsumerReportsItsLagOnEveryPartitionOfRawEvents() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(EventsJson.raw("lag-user-" + i, i % 2 == 0, "click", "lag-" + i));
        }
        given().contentType("application/json").body(EventsJson.array(events))
                .when().post("/events").then().statusCode(202);

        // The binder looks for metrics a client added (such as a newly fetched partition's) once a minute.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Sample> lag = Scrape.now().samples(RECORDS_LAG,
                    Map.of("client_id", "kafka-consumer-raw-events", "topic", "raw_events"));
            assertThat(lag).extracting(sample -> sample.labels().get("partition"))
                    .containsExactlyInAnyOrder("0", "1", "2");
            assertThat(lag).as("caught up").allSatisfy(sample -> assertThat(sample.value()).isZero());
        });
    }

    @Test
    void everyProducerReportsItsSends() {
        given().contentType("application/json")
                .body(EventsJson.raw("metrics-user", true, "click", "producer-metrics-1"))
                .when().post("/events").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = Scrape.now();
            for (String producer : List.of("kafka-producer-raw-events-out", "kafka-producer-processed-events")) {
                assertThat(scrape.sum("kafka_producer_record_send_total", Map.of("client_id", producer)))
                        .as("records sent by %s", producer).isPositive();
            }
            assertThat(scrape.samples("kafka_producer_record_send_total",
                    Map.of("client_id", "kafka-dead-letter-topic-producer-kafka-consumer-raw-events")))
                    .as("the dead-letter producer's meters").isNotEmpty();
        });
    }
}
