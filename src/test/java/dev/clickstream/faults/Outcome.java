package dev.clickstream.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.TopicContents;

/**
 * What became of a scenario's events, read from the topics: every premium event the broker acked must be in
 * {@code processed_events} (or, where a scenario allows it, in {@code raw_events_dlq}); {@code lost} counts those
 * that are in neither, {@code duplicated} the processed records beyond the first of each {@code event_id}.
 */
public record Outcome(String scenario, int sent, int acked, int processed, int lost, int duplicated, int deadLettered,
        Set<String> lostIds, Set<String> unexpectedIds) {

    public static Outcome of(Ledger ledger, String bootstrapServers, boolean deadLetterCounts) {
        Map<String, Integer> processedCounts = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicContents.read(bootstrapServers, "processed_events")) {
            String id = EventsJson.eventId(record.value());
            if (ledger.owns(id)) {
                processedCounts.merge(id, 1, Integer::sum);
            }
        }
        Set<String> deadLettered = new HashSet<>();
        for (ConsumerRecord<String, String> record : TopicContents.read(bootstrapServers, "raw_events_dlq")) {
            String id = EventsJson.eventId(record.value());
            if (ledger.owns(id)) {
                deadLettered.add(id);
            }
        }
        Set<String> lost = new HashSet<>();
        for (String id : ledger.acked()) {
            if (ledger.isPremium(id) && !processedCounts.containsKey(id)
                    && !(deadLetterCounts && deadLettered.contains(id))) {
                lost.add(id);
            }
        }
        Set<String> sent = ledger.sent();
        Set<String> unexpected = new HashSet<>();
        processedCounts.keySet().stream().filter(id -> !sent.contains(id) || !ledger.isPremium(id))
                .forEach(unexpected::add);
        int duplicated = processedCounts.values().stream().mapToInt(count -> count - 1).sum();
        return new Outcome(ledger.scenario(), sent.size(), ledger.ackedCount(), processedCounts.size(), lost.size(),
                duplicated, deadLettered.size(), lost, unexpected);
    }

    /**
     * The premium events of the ledger at or after the given committed offsets of {@code raw_events}: at most these
     * can be processed twice when the service dies with those offsets committed.
     */
    public static int premiumAtOrAfter(Ledger ledger, String bootstrapServers, Map<TopicPartition, Long> committed) {
        return premiumBetween(ledger, bootstrapServers, committed, Map.of());
    }

    /**
     * The premium events of the ledger in {@code raw_events} at or after the offsets {@code from} and before the offsets
     * {@code until} (0 and no limit for a partition that a map leaves out).
     */
    static int premiumBetween(Ledger ledger, String bootstrapServers, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> until) {
        List<ConsumerRecord<String, String>> raw = TopicContents.read(bootstrapServers, RawProducer.RAW_EVENTS);
        return (int) raw.stream()
                .filter(record -> {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    return record.offset() >= from.getOrDefault(partition, 0L)
                            && record.offset() < until.getOrDefault(partition, Long.MAX_VALUE);
                })
                .map(record -> EventsJson.eventId(record.value()))
                .filter(id -> ledger.owns(id) && ledger.isPremium(id))
                .count();
    }

    /** Records of the ledger's events that {@code raw_events} holds more than once (a retried publish). */
    public static int rawDuplicates(Ledger ledger, String bootstrapServers) {
        Map<String, Integer> counts = new HashMap<>();
        TopicContents.read(bootstrapServers, RawProducer.RAW_EVENTS).stream()
                .map(record -> EventsJson.eventId(record.value()))
                .filter(ledger::owns)
                .forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts.values().stream().mapToInt(count -> count - 1).sum();
    }
}
