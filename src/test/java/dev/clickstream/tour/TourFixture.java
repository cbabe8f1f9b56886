package dev.clickstream.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickstream.kafka.LocalKafkaCluster;
import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.FreePorts;
import dev.clickstream.testing.Kcat;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TestDirs;

/**
 * What a learner of the guided tour has running: the dev broker or dev cluster ({@link LocalKafkaCluster} in the test
 * JVM, with the settings {@code ./mvnw quarkus:dev} gives it, on free ports), the packaged service on it with the
 * exercise's settings, and kcat; and what the console page shows, read where the page reads it
 * ({@code GET /kafka/overview}).
 */
final class TourFixture implements AutoCloseable {

    final LocalKafkaCluster kafka;
    final ServiceProcess service;
    final Kcat kcat;

    private TourFixture(LocalKafkaCluster kafka, ServiceProcess service, Kcat kcat) {
        this.kafka = kafka;
        this.service = service;
        this.kcat = kcat;
    }

    /**
     * A fresh dev broker ({@code brokers} 1) or dev cluster ({@code brokers} 3, with its controller), kcat on it
     * (skipping the test where kcat is missing), and the service started with {@code properties}.
     */
    static TourFixture start(String name, int brokers, Map<String, String> properties) {
        List<Integer> ports = IntStream.range(0, brokers).mapToObj(i -> FreePorts.next()).toList();
        LocalKafkaCluster kafka = new LocalKafkaCluster(ports, FreePorts.next(),
                TestDirs.fresh("kafka-brokers", name), Map.of()).start();
        try {
            Kcat kcat = Kcat.assumeInstalled(kafka.bootstrapServers());
            ServiceProcess service = ServiceProcess.named(name)
                    .withProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
            properties.forEach(service::withProperty);
            return new TourFixture(kafka, service.start(), kcat);
        } catch (RuntimeException | Error e) {
            kafka.close();
            throw e;
        }
    }

    /** A JSON answer of the service, checked for its status. */
    JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(status);
        return EventsJson.parse(response.body());
    }

    /** {@code curl -X POST <path>}, answered 200. */
    JsonNode post(String path) {
        return json(service.post(path), 200);
    }

    /** The event {@code POST /events} stored, answered 202: its {@code event_id}, {@code partition}, {@code offset}. */
    JsonNode publish(String user, boolean premium, String eventType) {
        return json(service.postJson("/events", EventsJson.raw(user, premium, eventType, null)), 202)
                .get("events").get(0);
    }

    /** The page's snapshot. */
    JsonNode overview() {
        return json(service.get("/kafka/overview"), 200);
    }

    /** One partition's card row: leader, replicas, isr, out_of_sync, offsets, records. */
    JsonNode partition(String topic, int partition) {
        return elements(topic(topic).get("partitions")).get(partition);
    }

    JsonNode topic(String topic) {
        return elements(overview().get("topics")).stream()
                .filter(t -> t.get("name").asText().equals(topic)).findFirst().orElseThrow();
    }

    /** The sum of a topic's end offsets. */
    long endOffsets(String topic) {
        return elements(topic(topic).get("partitions")).stream().mapToLong(p -> p.get("end_offset").asLong()).sum();
    }

    /** Every group the page lists. */
    List<JsonNode> groups() {
        return elements(overview().get("groups"));
    }

    /**
     * A group's lag on a topic, summed over its partitions, as the page shows it; empty when the group is not listed
     * or never committed on one of them (the page's "—").
     */
    Optional<Long> lag(String group, String topic) {
        Optional<JsonNode> listed = groups().stream().filter(g -> g.get("group_id").asText().equals(group)).findFirst();
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        long sum = 0;
        for (JsonNode partition : elements(listed.get().get("partitions"))) {
            if (partition.get("topic").asText().equals(topic)) {
                if (partition.get("lag").isNull()) {
                    return Optional.empty();
                }
                sum += partition.get("lag").asLong();
            }
        }
        return Optional.of(sum);
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            kafka.close();
        }
    }
}
