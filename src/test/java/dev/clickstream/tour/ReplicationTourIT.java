package dev.clickstream.tour;

import static dev.clickstream.tour.TourFixture.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The README's guided tour, exercise 6, on the dev cluster ({@code -Dclickstream.dev-broker.brokers=3}: a controller
 * and three brokers): stop the broker leading partition 0 of {@code raw_events}, see its leader move and its
 * in-sync replicas shrink, publish, start the broker again and see it back in sync. {@code /dev/brokers} exists in
 * dev mode only; here the broker is stopped and started by the same {@code LocalKafkaCluster} calls it makes.
 */
class ReplicationTourIT {

    /** A stopped broker is fenced 3 s after its last heartbeat; the page refreshes every 2 s. */
    private static final Duration PAGE = Duration.ofSeconds(15);

    @Test
    void exercise6LeadersMoveAndInSyncReplicasShrinkAndGrowBackAroundAStoppedBroker() {
        try (TourFixture tour = TourFixture.start("replication-tour", 3, Map.of())) {
            JsonNode before = tour.partition("raw_events", 0);
            int leader = before.get("leader").asInt();
            assertThat(ints(before.get("isr"))).containsExactlyInAnyOrder(1, 2, 3);

            tour.kafka.stopBroker(leader);
            JsonNode moved = await("a new leader, broker " + leader + " out of sync").atMost(PAGE)
                    .until(() -> tour.partition("raw_events", 0),
                            p -> !p.get("leader").isNull() && p.get("leader").asInt() != leader
                                    && !ints(p.get("isr")).contains(leader));
            assertThat(ints(moved.get("isr"))).hasSize(2);
            assertThat(ints(moved.get("out_of_sync"))).containsExactly(leader);
            assertThat(tour.publish("tour-dave", true, "with-a-broker-down").get("offset").asLong()).isNotNegative();

            tour.kafka.startBroker(leader);
            await("broker " + leader + " back in sync").atMost(Duration.ofSeconds(30))
                    .until(() -> tour.partition("raw_events", 0),
                            p -> ints(p.get("isr")).size() == 3 && ints(p.get("out_of_sync")).isEmpty());
        }
    }
}
