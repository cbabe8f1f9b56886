package dev.clickstream.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.ServiceProcess;

/**
 * Poison pills written straight into {@code raw_events}, each between valid events: every pill lands in
 * {@code raw_events_dlq} with its original bytes and key and headers saying why and where from, is counted per
 * reason at {@code /q/metrics}, the valid events around it are processed, and the service stays healthy.
 */
class PoisonPillFaultIT {

    /** A pill: its key, its value (null for a tombstone), and the reason it must be dead-lettered with. */
    private record Pill(String key, byte[] value, String reason) {
    }

    @Test
    void deadLettersEveryPoisonPillWithItsReasonAndProcessesTheEventsAroundIt() {
        Ledger ledger = new Ledger("poison");
        List<Pill> pills = List.of(
                pill("pill-truncated", "{\"user\":\"pill", "malformed-json"),
                pill("pill-text", "not json", "malformed-json"),
                pill("pill-trailing", "{\"user\":\"a\",\"is_premium\":true,\"event_type\":\"c\"}garbage",
                        "malformed-json"),
                new Pill("pill-not-utf8", new byte[] { (byte) 0xFF, (byte) 0xFE, 0x00, 0x41 }, "malformed-json"),
                pill("pill-array", "[1,2]", "invalid-event"),
                pill("pill-string", "\"an event\"", "invalid-event"),
                pill("pill-json-null", "null", "invalid-event"),
                pill("pill-wrong-type", "{\"user\":1,\"is_premium\":true,\"event_type\":\"c\",\"event_id\":\"p\"}",
                        "invalid-event"),
                pill("pill-no-premium", "{\"user\":\"a\",\"event_type\":\"c\",\"event_id\":\"p\"}", "invalid-event"),
                // Refused over HTTP, so refused here too.
                pill("pill-long-user", "{\"user\":\"" + "u".repeat(6_000)
                        + "\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\"p\"}", "invalid-event"),
                pill("pill-control-char", "{\"user\":\"a\\u0007\",\"is_premium\":true,\"event_type\":\"c\"}",
                        "invalid-event"),
                new Pill("pill-tombstone", null, "tombstone"),
                // A valid event at the longest lengths, whose processed record is over the producer's
                // max.request.size set below (about 400 bytes with the record overhead, the others' under 200).
                pill("pill-too-large", "{\"user\":\"" + "u".repeat(64) + "\",\"is_premium\":true,\"event_type\":\""
                        + "t".repeat(64) + "\",\"event_id\":\"" + "i".repeat(64) + "\"}", "processing-failed"));
        try (BrokerProcess broker = Brokers.start("poison-pills");
                ServiceProcess service = ServiceProcess.named("fault-poison-pills")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        .withProperty("mp.messaging.outgoing.processed-events.max.request.size", "300")
                        .start();
                RawProducer producer = new RawProducer(broker.bootstrapServers());
                GroupLag group = new GroupLag(broker.bootstrapServers())) {
            Map<String, Long> pillOffsets = new LinkedHashMap<>();
            int n = 0;
            for (Pill pill : pills) {
                producer.produce(ledger, n, n + 3);
                n += 3;
                pillOffsets.put(pill.key(), producer.produceBytes(pill.key(), pill.value()));
            }
            producer.produce(ledger, n, n + 3);
            n += 3;

            await("analytics-group committed all of raw_events").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1)).until(group::lag, lag -> lag == 0);
            await("every pill dead-lettered").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> DeadLetters.read(broker.bootstrapServers()).size() >= pills.size());
            Outcome outcome = Outcome.of(ledger, broker.bootstrapServers(), false);
            List<ConsumerRecord<String, byte[]>> deadLetters = DeadLetters.read(broker.bootstrapServers());
            String metrics = service.get("/q/metrics").body();
            FaultTable.record(new Outcome("poison-pills", outcome.sent() + pills.size(), outcome.acked(),
                    outcome.processed(), outcome.lost(), outcome.duplicated(), deadLetters.size(), outcome.lostIds(),
                    outcome.unexpectedIds()), pills.size() + " pills between " + n
                            + " valid events; dead-lettered = records in raw_events_dlq");

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(outcome.lostIds()).as("valid premium events around the pills not processed").isEmpty();
            softly.assertThat(outcome.unexpectedIds()).isEmpty();
            softly.assertThat(deadLetters).as("one dead letter per pill").hasSize(pills.size());
            Map<String, Long> expectedCounts = new LinkedHashMap<>();
            for (Pill pill : pills) {
                expectedCounts.merge(pill.reason(), 1L, Long::sum);
                List<ConsumerRecord<String, byte[]>> found = deadLetters.stream()
                        .filter(record -> pill.key().equals(record.key())).toList();
                softly.assertThat(found).as("dead letters keyed " + pill.key()).hasSize(1);
                if (found.size() != 1) {
                    continue;
                }
                ConsumerRecord<String, byte[]> dead = found.get(0);
                softly.assertThat(dead.value()).as(pill.key() + " value").isEqualTo(pill.value());
                softly.assertThat(DeadLetters.header(dead, "dead-letter-reason")).as(pill.key() + " reason")
                        .startsWith(pill.reason() + ": ");
                softly.assertThat(DeadLetters.header(dead, "dead-letter-topic")).isEqualTo(RawProducer.RAW_EVENTS);
                softly.assertThat(DeadLetters.header(dead, "dead-letter-offset")).as(pill.key() + " offset")
                        .isEqualTo(Long.toString(pillOffsets.get(pill.key())));
                softly.assertThat(DeadLetters.header(dead, "dead-letter-partition")).as(pill.key() + " partition")
                        .isNotNull();
            }
            expectedCounts.forEach((reason, count) -> softly.assertThat(deadLetterMetric(metrics, reason))
                    .as("clickstream_dead_letters_total{reason=\"" + reason + "\"}").isEqualTo(count));
            softly.assertThat(service.get("/q/health/live").statusCode()).isEqualTo(200);
            softly.assertThat(service.get("/q/health/ready").statusCode()).isEqualTo(200);
            softly.assertAll();
        }
    }

    private static Pill pill(String key, String value, String reason) {
        return new Pill(key, value.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static long deadLetterMetric(String metrics, String reason) {
        Matcher matcher = Pattern.compile("^clickstream_dead_letters_total\\{[^}]*reason=\"" + Pattern.quote(reason)
                + "\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }
}
