package dev.clickstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.InProcessBroker;
import dev.clickstream.testing.Offsets;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TestDirs;
import dev.clickstream.testing.TopicContents;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerTask;

/**
 * analytics-group commits what it processed, and a restarted service resumes at the committed offsets: it skips
 * nothing, and processes again only what it had processed but not committed when it went down (nothing after a
 * SIGTERM while idle; after a SIGKILL mid-stream, what was processed since the last commit).
 */
class OffsetsAfterRestartIT {

    private static final Logger LOG = Logger.getLogger(OffsetsAfterRestartIT.class);
    private static final String GROUP = "analytics-group";
    private static final int BURST = 10_000;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void resumesFromCommittedOffsetAfterRestart() {
        try (InProcessBroker broker = InProcessBroker.start(TestDirs.fresh("kafka-brokers", "offsets-it"), Map.of());
                KafkaCompanion kafka = new KafkaCompanion(broker.bootstrapServers());
                ServiceProcess service = ServiceProcess.named("offsets-it")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        // A killed consumer keeps its partitions until its session expires (45 s by default);
                        // the broker's minimum, 6 s, lets the restarted one take over sooner.
                        .withProperty("mp.messaging.incoming." + Channels.RAW_EVENTS + ".session.timeout.ms", "6000")
                        .start()) {
            Set<String> produced = new HashSet<>();
            produce(kafka, "before-stop", 300, produced).awaitCompletion();
            awaitAllCommitted(kafka);

            // SIGTERM, then events arrive while the service is down.
            service.stop();
            Snapshot atStop = Snapshot.take(kafka);
            produce(kafka, "while-stopped", 300, produced).awaitCompletion();
            service.start();
            awaitAllCommitted(kafka);
            Restart afterStop = Restart.measure(kafka, atStop);
            LOG.infof("After SIGTERM: %d events to process from the committed offsets, %d processed twice",
                    afterStop.fromCommitted().size(), afterStop.processedTwice().size());
            afterStop.assertResumedAtCommittedOffsets(produced);
            assertThat(afterStop.fromCommitted()).hasSize(300);
            assertThat(afterStop.processedTwice()).as("processed twice after SIGTERM").isEmpty();

            // SIGKILL in the middle of a burst, as soon as part of it is processed but not yet committed.
            long committedBefore = Offsets.total(Offsets.committed(kafka, GROUP, "raw_events"));
            long processedBefore = Offsets.total(Offsets.ends(kafka, "processed_events"));
            ProducerTask burst = produce(kafka, "burst", BURST, produced);
            await("part of the burst processed and not committed").atMost(PROCESSING_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Snapshot.take(kafka).uncommitted(processedBefore, committedBefore) > 0);
            service.kill();
            Snapshot atKill = Snapshot.take(kafka);
            burst.awaitCompletion();
            service.start();
            awaitAllCommitted(kafka);
            Restart afterKill = Restart.measure(kafka, atKill);
            long processedBeforeKill = atKill.processedCount() - processedBefore;
            long uncommittedAtKill = atKill.uncommitted(processedBefore, committedBefore);
            LOG.infof("After SIGKILL: of a burst of %d events, %d were processed and %d of those not committed "
                    + "before the kill; %d processed twice", BURST, processedBeforeKill, uncommittedAtKill,
                    afterKill.processedTwice().size());
            afterKill.assertResumedAtCommittedOffsets(produced);
            // Every burst event is premium, so each processed record stands for one raw record.
            assertThat(uncommittedAtKill).as("burst events processed but not committed when the kill landed")
                    .isPositive();
            assertThat((long) afterKill.processedTwice().size()).as("processed twice after SIGKILL")
                    .isEqualTo(uncommittedAtKill);
        }
    }

    /** Premium raw events written straight to raw_events, keyed by user; their ids go to {@code ids}. */
    private static ProducerTask produce(KafkaCompanion kafka, String prefix, int count, Set<String> ids) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = prefix + "-user-" + i % 20;
            String id = prefix + "-" + i;
            ids.add(id);
            records.add(new ProducerRecord<>("raw_events", user, EventsJson.raw(user, true, "click", id)));
        }
        return kafka.produceStrings().fromRecords(records);
    }

    private static void awaitAllCommitted(KafkaCompanion kafka) {
        await("analytics-group committed everything").atMost(PROCESSING_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> Offsets.committed(kafka, GROUP, "raw_events").equals(Offsets.ends(kafka, "raw_events")));
    }

    /** Where the group had committed, and how far processed_events went, while the service was down. */
    private record Snapshot(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> processedEnds) {

        static Snapshot take(KafkaCompanion kafka) {
            return new Snapshot(Offsets.committed(kafka, GROUP, "raw_events"), Offsets.ends(kafka, "processed_events"));
        }

        long processedCount() {
            return Offsets.total(processedEnds);
        }

        /** Records processed since {@code processedBefore} beyond those committed since {@code committedBefore}. */
        long uncommitted(long processedBefore, long committedBefore) {
            return processedCount() - processedBefore - (Offsets.total(committed) - committedBefore);
        }
    }

    /**
     * What the restarted service processed, against where the service was when it went down.
     *
     * @param fromCommitted ids of the raw records at or after the committed offsets
     * @param processedAfterRestart ids in processed_events written after the restart, in partition order
     * @param processedTwice ids written both before and after the restart
     */
    private record Restart(List<String> allProcessed, Set<String> fromCommitted, List<String> processedAfterRestart,
            Set<String> processedTwice) {

        static Restart measure(KafkaCompanion kafka, Snapshot down) {
            Set<String> fromCommitted = TopicContents.read(kafka.getBootstrapServers(), "raw_events").stream()
                    .filter(r -> r.offset() >= down.committed().get(new TopicPartition(r.topic(), r.partition())))
                    .map(r -> EventsJson.eventId(r.value()))
                    .collect(Collectors.toSet());
            List<ConsumerRecord<String, String>> processed = TopicContents.read(kafka.getBootstrapServers(),
                    "processed_events");
            Set<String> before = new HashSet<>();
            List<String> after = new ArrayList<>();
            for (ConsumerRecord<String, String> record : processed) {
                long endAtDown = down.processedEnds().get(new TopicPartition(record.topic(), record.partition()));
                (record.offset() >= endAtDown ? after : before).add(EventsJson.eventId(record.value()));
            }
            return new Restart(processed.stream().map(r -> EventsJson.eventId(r.value())).toList(), fromCommitted,
                    after, after.stream().filter(before::contains).collect(Collectors.toSet()));
        }

        void assertResumedAtCommittedOffsets(Set<String> produced) {
            assertThat(new HashSet<>(allProcessed)).as("every event processed").isEqualTo(produced);
            assertThat(processedAfterRestart).as("processed after the restart").doesNotHaveDuplicates();
            assertThat(new HashSet<>(processedAfterRestart))
                    .as("processed after the restart: exactly the records from the committed offsets on")
                    .isEqualTo(fromCommitted);
            assertThat(allProcessed.size() - produced.size()).as("duplicates by event_id")
                    .isEqualTo(processedTwice.size());
        }
    }
}
