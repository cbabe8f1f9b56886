package dev.clickstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class TransientFailureTest {

    @Test
    void aBrokerOutageIsTransientAndARecordTheBrokerCanNeverTakeIsNot() {
        assertThat(PremiumEventProcessor.notTheRecordsFault(new TimeoutException("expiring 3 records"))).isTrue();
        assertThat(PremiumEventProcessor.notTheRecordsFault(new IllegalStateException(new NotLeaderOrFollowerException("moved"))))
                .isTrue();
        assertThat(PremiumEventProcessor.notTheRecordsFault(new RecordTooLargeException("6 KB over max.request.size")))
                .isFalse();
        assertThat(PremiumEventProcessor.notTheRecordsFault(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void aMissingAclIsNotTheRecordsFault() {
        assertThat(PremiumEventProcessor.notTheRecordsFault(
                new IllegalStateException(new TopicAuthorizationException(Set.of("processed_events"))))).isTrue();
    }
}
