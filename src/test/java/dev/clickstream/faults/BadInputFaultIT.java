package dev.clickstream.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TopicContents;

/**
 * Every body of {@link BadInputCorpus} sent to the packaged service on a real broker is answered 4xx with an
 * {@code application/problem+json} body, never 5xx, and nothing reaches {@code raw_events}.
 */
class BadInputFaultIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void refusesEveryBadBodyWithAProblemAndPublishesNothing() throws Exception {
        List<BadInputCorpus.Case> corpus = BadInputCorpus.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
        try (BrokerProcess broker = Brokers.start("bad-input");
                ServiceProcess service = ServiceProcess.named("fault-bad-input")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        .start()) {
            List<String> wrong = new ArrayList<>();
            int serverErrors = 0;
            for (BadInputCorpus.Case badCase : corpus) {
                HttpResponse<String> response = send(service.url("/events"), badCase);
                int status = response.statusCode();
                serverErrors += status >= 500 ? 1 : 0;
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (status < 400 || status >= 500 || !type.startsWith("application/problem+json")
                        || problemStatus(response.body()) != status) {
                    wrong.add(badCase + ": " + status + " " + type + " " + abbreviate(response.body()));
                }
            }
            List<ConsumerRecord<String, String>> afterCorpus = TopicContents.read(broker.bootstrapServers(),
                    RawProducer.RAW_EVENTS);
            // The same reading sees an event that was published, so an empty topic above means nothing was.
            assertThat(service.postJson("/events", EventsJson.raw("bad-ann", true, "click", "bad-marker"))
                    .statusCode()).isEqualTo(202);
            List<String> afterMarker = TopicContents.read(broker.bootstrapServers(), RawProducer.RAW_EVENTS).stream()
                    .map(record -> EventsJson.eventId(record.value())).toList();

            Ledger ledger = new Ledger("bad-input");
            corpus.forEach(badCase -> ledger.sent(badCase.name()));
            FaultTable.record(new Outcome("bad-input", corpus.size(), corpus.size() - wrong.size(), 0,
                    afterCorpus.size(), 0, 0, java.util.Set.of(), java.util.Set.of()),
                    corpus.size() + " bad bodies: acked = answered 4xx problem+json, lost = records in raw_events, "
                            + serverErrors + " answers 5xx");

            assertThat(wrong).as("answers that are not a 4xx problem").isEmpty();
            assertThat(serverErrors).isZero();
            assertThat(afterCorpus).as("records in raw_events after the bad bodies").isEmpty();
            assertThat(afterMarker).containsExactly("bad-marker");
        }
    }

    private HttpResponse<String> send(String url, BadInputCorpus.Case badCase) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = badCase.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(badCase.body()))
                : HttpRequest.BodyPublishers.ofByteArray(badCase.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(body);
        if (badCase.contentType() != null) {
            request.header("Content-Type", badCase.contentType());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int problemStatus(String body) {
        try {
            JsonNode status = EventsJson.parse(body).get("status");
            return status == null ? -1 : status.asInt();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
