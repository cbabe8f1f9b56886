package dev.clickstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.kafka.KafkaConnector;

/**
 * When dev mode ends, the dev brokers stop only after the Kafka connectors have closed the service's clients: a
 * consumer closed against a running broker leaves its group, so the next start is not held up until the broker
 * drops the old member after its session timeout (about 45 s). CDI calls observers of one event in the order of
 * their priorities.
 */
class DevKafkaBrokerShutdownTest {

    @Test
    void stopsTheBrokersAfterTheKafkaConnectorClosedItsClients() throws Exception {
        Parameter connectorCloses = observed(KafkaConnector.class.getMethod("terminate", Object.class));
        Parameter brokersStop = observed(DevKafkaBroker.class.getDeclaredMethod("onStop", Object.class));

        assertThat(brokersStop.getAnnotation(BeforeDestroyed.class).value()).isEqualTo(ApplicationScoped.class)
                .isEqualTo(connectorCloses.getAnnotation(BeforeDestroyed.class).value());
        assertThat(brokersStop.getAnnotation(Priority.class).value())
                .isGreaterThan(connectorCloses.getAnnotation(Priority.class).value());
    }

    @Test
    void theProcessedEventsProducerClosesAfterTheSourcesAndBeforeTheBrokersStop() throws Exception {
        Parameter sourcesClose = observed(KafkaConnector.class.getMethod("terminate", Object.class));
        Parameter sinkCloses = observed(BatchingKafkaConnector.class.getDeclaredMethod("terminate", Object.class));
        Parameter brokersStop = observed(DevKafkaBroker.class.getDeclaredMethod("onStop", Object.class));

        assertThat(sinkCloses.getAnnotation(BeforeDestroyed.class).value()).isEqualTo(ApplicationScoped.class);
        // A source's graceful shutdown waits for its in-flight batches, whose acks wait for their processed records.
        assertThat(sinkCloses.getAnnotation(Priority.class).value())
                .isGreaterThan(sourcesClose.getAnnotation(Priority.class).value())
                .isLessThan(brokersStop.getAnnotation(Priority.class).value());
    }

    private static Parameter observed(Method observer) {
        return Arrays.stream(observer.getParameters()).filter(p -> p.isAnnotationPresent(Observes.class)).findFirst()
                .orElseThrow();
    }
}
