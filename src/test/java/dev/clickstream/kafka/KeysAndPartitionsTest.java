package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.RealKafkaProfile;
import dev.clickstream.testing.TopicContents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Keys decide partitions: one user's events share one partition, in order, in both topics. */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class KeysAndPartitionsTest {

    private static final List<String> USERS = List.of("keys-alice", "keys-bob", "keys-carol", "keys-dave",
            "keys-erin", "keys-frank", "keys-grace", "keys-heidi");
    private static final int ROUNDS = 5;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void eventsOfOneUserLandInOnePartitionInTheOrderPosted() {
        Map<String, List<String>> postedIds = new LinkedHashMap<>();
        Map<String, Set<Integer>> ackedPartitions = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> batch = new ArrayList<>();
            for (String user : USERS) {
                String id = user + "-" + round;
                postedIds.computeIfAbsent(user, u -> new ArrayList<>()).add(id);
                batch.add(EventsJson.raw(user, true, "click", id));
            }
            List<Map<String, Object>> acked = given().contentType("application/json").body(EventsJson.array(batch))
                    .when().post("/events")
                    .then().statusCode(202)
                    .extract().jsonPath().getList("events");
            IntStream.range(0, USERS.size()).forEach(i -> ackedPartitions
                    .computeIfAbsent(USERS.get(i), u -> new TreeSet<>())
                    .add((Integer) acked.get(i).get("partition")));
        }
        Set<String> allIds = postedIds.values().stream().flatMap(List::stream).collect(Collectors.toSet());

        List<ConsumerRecord<String, String>> processed = await().atMost(Duration.ofSeconds(30))
                .until(() -> ours(TopicContents.read(bootstrapServers, "processed_events"), allIds),
                        records -> records.size() == allIds.size());
        List<ConsumerRecord<String, String>> raw = ours(TopicContents.read(bootstrapServers, "raw_events"), allIds);

        for (String user : USERS) {
            List<ConsumerRecord<String, String>> rawOfUser = ofUser(raw, user);
            List<ConsumerRecord<String, String>> processedOfUser = ofUser(processed, user);
            assertThat(partitions(rawOfUser)).as("raw_events partitions of %s", user)
                    .hasSize(1)
                    .isEqualTo(ackedPartitions.get(user));
            assertThat(partitions(processedOfUser)).as("processed_events partitions of %s", user)
                    .isEqualTo(partitions(rawOfUser));
            assertThat(ids(rawOfUser)).as("raw_events order of %s", user).isEqualTo(postedIds.get(user));
            assertThat(ids(processedOfUser)).as("processed_events order of %s", user).isEqualTo(postedIds.get(user));
        }
        assertThat(partitions(raw)).as("partitions used by %d users", USERS.size()).hasSizeGreaterThan(1);
    }

    /** Records of this test's events, in partition and offset order. */
    private static List<ConsumerRecord<String, String>> ours(List<ConsumerRecord<String, String>> records,
            Set<String> ids) {
        return records.stream().filter(r -> ids.contains(EventsJson.eventId(r.value()))).toList();
    }

    /** A user's records, found by key: the raw user in both topics. */
    private static List<ConsumerRecord<String, String>> ofUser(List<ConsumerRecord<String, String>> records,
            String user) {
        return records.stream().filter(r -> user.equals(r.key())).toList();
    }

    private static Set<Integer> partitions(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::partition).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static List<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> EventsJson.eventId(r.value())).toList();
    }
}
