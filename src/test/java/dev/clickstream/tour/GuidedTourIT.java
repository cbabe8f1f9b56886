package dev.clickstream.tour;

import static dev.clickstream.tour.TourFixture.elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.TestDirs;

/**
 * The README's guided tour, "Learn Kafka with it", exercises 1 to 5, one test each and in that order, as a learner
 * goes through them: the same HTTP calls as the page and curl make, the same kcat commands and the same settings,
 * on the dev broker, with what the learner should see checked where the page reads it ({@code GET /kafka/overview},
 * {@code /kafka/feed}). A restart in dev mode ({@code s}) is a restart of the packaged service here; the broker
 * stays up in both. Exercise 6 is {@link ReplicationTourIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuidedTourIT {

    private static final String PROCESSOR_GROUP = "analytics-group";
    /** The page refreshes every 2 s and the processor commits every 5 s: what it shows settles within 10 s. */
    private static final Duration PAGE = Duration.ofSeconds(10);

    private TourFixture tour;

    @BeforeAll
    void startDevBrokerAndService() {
        tour = TourFixture.start("guided-tour", 1, Map.of());
    }

    @AfterAll
    void stop() {
        if (tour != null) {
            tour.close();
        }
    }

    @Test
    @Order(1)
    void exercise1KeysGoToOnePartitionEachInOrder() {
        int previewed = tour.json(tour.service.get("/kafka/partition?key=tour-alice"), 200).get("partition").asInt();
        JsonNode first = tour.publish("tour-alice", true, "step-1");
        JsonNode second = tour.publish("tour-alice", true, "step-2");
        assertThat(first.get("partition").asInt()).as("partition of the first event").isEqualTo(previewed);
        assertThat(second.get("partition").asInt()).as("partition of the second event").isEqualTo(previewed);
        assertThat(second.get("offset").asLong()).isEqualTo(first.get("offset").asLong() + 1);

        Set<Integer> used = new HashSet<>();
        for (String user : IntStream.range(0, 9).mapToObj(i -> "tour-user-" + i).toList()) {
            int preview = tour.json(tour.service.get("/kafka/partition?key=" + user), 200).get("partition").asInt();
            assertThat(tour.publish(user, true, "click").get("partition").asInt()).as(user).isEqualTo(preview);
            assertThat(tour.publish(user, true, "click").get("partition").asInt()).as(user + " again").isEqualTo(preview);
            used.add(preview);
        }
        assertThat(used).as("partitions the users went to").containsExactlyInAnyOrder(0, 1, 2);

        List<JsonNode> alices = await("tour-alice's two processed records in the feed").atMost(PAGE)
                .until(() -> feed("tour-alice"), records -> records.size() == 2);
        assertThat(alices).allSatisfy(record -> assertThat(record.get("partition").asInt()).isEqualTo(previewed));
        assertThat(alices.get(0).get("offset").asLong()).isGreaterThan(alices.get(1).get("offset").asLong());
        assertThat(alices).extracting(record -> record.get("value").get("event").asText())
                .as("newest first").containsExactly("step-2", "step-1");
    }

    @Test
    @Order(2)
    void exercise2RestartResumesAtTheCommittedOffsets() {
        awaitProcessorCaughtUp();
        long processedBefore = tour.endOffsets("processed_events");
        assertThat(tour.post("/processor/pause").get("paused").asBoolean()).isTrue();

        List<String> events = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> "tour-bob|" + EventsJson.raw("tour-bob", true, "while-paused", "tour-restart-" + i))
                .toList();
        tour.kcat.produceKeyed("raw_events", events);
        await("analytics-group's lag on raw_events: the 5 events").atMost(PAGE)
                .until(() -> tour.lag(PROCESSOR_GROUP, "raw_events"), Optional.of(5L)::equals);
        assertThat(tour.endOffsets("processed_events")).as("nothing processed while paused").isEqualTo(processedBefore);

        tour.service.stop();
        tour.service.start();
        assertThat(tour.json(tour.service.get("/processor"), 200).get("paused").asBoolean())
                .as("paused after the restart").isFalse();
        awaitProcessorCaughtUp();
        await("the 5 events processed").atMost(PAGE)
                .until(() -> tour.endOffsets("processed_events"), ends -> ends == processedBefore + 5);
        assertThat(tour.kcat.consumeAll("processed_events"))
                .extracting(record -> EventsJson.eventId(record.get("payload").asText()))
                .filteredOn(id -> id != null && id.startsWith("tour-restart-"))
                .as("each event processed once").containsExactlyInAnyOrder(
                        "tour-restart-1", "tour-restart-2", "tour-restart-3", "tour-restart-4", "tour-restart-5");
    }

    @Test
    @Order(3)
    void exercise3AnotherGroupReadsEveryRecordFromTheStart() throws IOException, InterruptedException {
        awaitProcessorCaughtUp();
        long processed = tour.endOffsets("processed_events");
        Path values = TestDirs.fresh("kcat", "learner-group").resolve("values.txt");
        Process learner = tour.kcat.startGroupConsumer("learner-group", "processed_events", values);
        try {
            // kcat joins its group first: a rebalance of its own, a few seconds.
            await("every processed record read by learner-group").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readAllLines(values).size(), lines -> lines == processed);
            assertThat(Files.readAllLines(values)).allSatisfy(
                    line -> assertThat(EventsJson.parse(line).get("user").asText()).isUpperCase());
            await("learner-group on the page, caught up").atMost(PAGE)
                    .until(() -> tour.lag("learner-group", "processed_events"), Optional.of(0L)::equals);
            assertThat(tour.groups()).extracting(group -> group.get("group_id").asText())
                    .contains(PROCESSOR_GROUP, "learner-group")
                    .anySatisfy(id -> assertThat(id).startsWith("clickstream-view-"));
            assertThat(tour.lag(PROCESSOR_GROUP, "raw_events")).as("analytics-group, on its own").contains(0L);
        } finally {
            learner.destroy();
            if (!learner.waitFor(10, TimeUnit.SECONDS)) {
                learner.destroyForcibly();
            }
        }
    }

    @Test
    @Order(4)
    void exercise4LagGrowsWhileTheProcessorIsPausedAndFallsWhenItResumes() {
        awaitProcessorCaughtUp();
        long processedBefore = tour.endOffsets("processed_events");
        JsonNode paused = tour.post("/processor/pause");
        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(elements(paused.get("paused_partitions"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("raw_events-0", "raw_events-1", "raw_events-2");

        tour.post("/generator/start?count=10&interval_ms=50");
        await("the generator's 10 events sent").atMost(PAGE)
                .until(() -> tour.json(tour.service.get("/generator"), 200),
                        status -> !status.get("running").asBoolean() && status.get("sent").asLong() == 10);
        await("analytics-group's lag: the 10 events").atMost(PAGE)
                .until(() -> tour.lag(PROCESSOR_GROUP, "raw_events"), Optional.of(10L)::equals);
        assertThat(tour.endOffsets("processed_events")).as("nothing processed while paused").isEqualTo(processedBefore);

        String view = tour.groups().stream().map(group -> group.get("group_id").asText())
                .filter(id -> id.startsWith("clickstream-view-")).findFirst().orElseThrow();
        assertThat(tour.lag(view, "processed_events")).as("the view's group, which never commits: —").isEmpty();

        assertThat(tour.post("/processor/resume").get("paused").asBoolean()).isFalse();
        await("lag back to 0").atMost(PAGE)
                .until(() -> tour.lag(PROCESSOR_GROUP, "raw_events"), Optional.of(0L)::equals);
    }

    @Test
    @Order(5)
    void exercise5OldSegmentsGoWhileProcessingGoesOnAndCompactionKeepsTheLatestPerKey() {
        try (TourFixture fresh = TourFixture.start("guided-tour-retention", 1, Map.of(
                "clickstream.topics.raw_events.retention", "10s",
                "clickstream.topics.raw_events.config.\"segment.ms\"", "2000",
                "clickstream.topics.processed_events.cleanup-policy", "compact",
                "clickstream.topics.processed_events.config.\"segment.ms\"", "2000"))) {
            assertThat(fresh.topic("raw_events").get("retention_ms").asLong()).isEqualTo(10_000);
            assertThat(fresh.topic("processed_events").get("cleanup_policy").asText()).isEqualTo("compact");
            assertThat(elements(fresh.topic("processed_events").get("partitions")))
                    .allSatisfy(p -> assertThat(p.get("records_approximate").asBoolean()).as("≈").isTrue());

            fresh.publish("tour-carol", true, "first");
            fresh.publish("tour-carol", true, "second");
            fresh.publish("tour-carol", true, "latest");
            fresh.post("/generator/start?count=0&interval_ms=100");
            await("raw_events' log start offset moved up").atMost(Duration.ofSeconds(60))
                    .until(() -> elements(fresh.topic("raw_events").get("partitions")).stream()
                            .anyMatch(p -> p.get("start_offset").asLong() > 0));
            long processed = fresh.endOffsets("processed_events");
            await("processing goes on").atMost(PAGE).until(() -> fresh.endOffsets("processed_events") > processed);

            await("processed_events keeps tour-carol's latest record only").atMost(Duration.ofSeconds(60))
                    .until(() -> fresh.kcat.consumeAll("processed_events").stream()
                            .filter(record -> "tour-carol".equals(record.get("key").asText()))
                            .map(record -> EventsJson.parse(record.get("payload").asText()).get("event").asText())
                            .toList(), List.of("latest")::equals);
            fresh.post("/generator/stop");
        }
    }

    /** The processed records of a key in the page's feed, newest first. */
    private List<JsonNode> feed(String key) {
        return elements(tour.json(tour.service.get("/kafka/feed"), 200)).stream()
                .filter(record -> key.equals(record.get("key").asText())).toList();
    }

    private void awaitProcessorCaughtUp() {
        await("analytics-group caught up on the page").atMost(PAGE)
                .until(() -> tour.lag(PROCESSOR_GROUP, "raw_events"), Optional.of(0L)::equals);
    }
}
