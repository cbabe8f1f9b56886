package dev.clickstream.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import dev.clickstream.testing.Offsets;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The records of {@code raw_events} that one rebalance of {@code analytics-group} can hand to a new owner after the
 * old one processed them: from the offsets committed while the group was last stable before the rebalance, up to the
 * end offsets once it is stable again (the old owner cannot have fetched later records). A revoked partition's owner
 * commits what it has processed, so only the records it had in flight are read again: this range holds those, and
 * the window's processed-but-uncommitted records besides.
 */
record RebalanceWindow(Map<TopicPartition, Long> committedBefore, Map<TopicPartition, Long> endsAfter) {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * Runs {@code change} (an instance joining or leaving), watching the group go from {@code membersBefore} stable
     * members to {@code membersAfter}; returns once both the change and the rebalance are done.
     */
    static RebalanceWindow around(KafkaCompanion kafka, int membersBefore, int membersAfter, Runnable change) {
        AtomicReference<Map<TopicPartition, Long>> lastStable = new AtomicReference<>();
        await(GroupLag.GROUP + " stable with " + membersBefore + " members").atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> readWhileStable(kafka, membersBefore, lastStable));
        CompletableFuture<Void> changing = CompletableFuture.runAsync(change);
        await(GroupLag.GROUP + " rebalancing").atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> !readWhileStable(kafka, membersBefore, lastStable));
        await(GroupLag.GROUP + " stable with " + membersAfter + " members").atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> isStableWith(kafka, membersAfter));
        Map<TopicPartition, Long> endsAfter = Offsets.ends(kafka, RawProducer.RAW_EVENTS);
        changing.join();
        return new RebalanceWindow(lastStable.get(), endsAfter);
    }

    /** The ledger's premium events in the window: at most these can be processed twice through this rebalance. */
    int premium(Ledger ledger, String bootstrapServers) {
        return Outcome.premiumBetween(ledger, bootstrapServers, committedBefore, endsAfter);
    }

    /**
     * Reads the committed offsets and keeps them in {@code lastStable} if the group is still stable with
     * {@code members} members after the read, so that they were read before any rebalance began.
     */
    private static boolean readWhileStable(KafkaCompanion kafka, int members,
            AtomicReference<Map<TopicPartition, Long>> lastStable) {
        Map<TopicPartition, Long> committed = Offsets.committed(kafka, GroupLag.GROUP, RawProducer.RAW_EVENTS);
        if (!isStableWith(kafka, members)) {
            return false;
        }
        lastStable.set(committed);
        return true;
    }

    private static boolean isStableWith(KafkaCompanion kafka, int members) {
        ConsumerGroupDescription group = kafka.consumerGroups().describe(GroupLag.GROUP);
        return group.groupState() == GroupState.STABLE && group.members().size() == members;
    }
}
