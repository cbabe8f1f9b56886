package dev.clickstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TransientFailureTest {

    @Test
    void aBrokerOutageIsTransientAndARecordTheBrokerCanNeverTakeIsNot() {
        assertThat(PremiumEventProcessor.isTransient(new TimeoutException("expiring 3 records"))).isTrue();
        assertThat(PremiumEventProcessor.isTransient(new IllegalStateException(new NotLeaderOrFollowerException("moved"))))
                .isTrue();
        assertThat(PremiumEventProcessor.isTransient(new RecordTooLargeException("6 KB over max.request.size")))
                .isFalse();
        assertThat(PremiumEventProcessor.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }
}
