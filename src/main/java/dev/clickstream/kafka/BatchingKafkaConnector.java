package dev.clickstream.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.smallrye.reactive.messaging.kafka.KafkaCDIEvents;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorOutgoingConfiguration;
import io.smallrye.reactive.messaging.kafka.SerializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.health.KafkaSinkHealth;
import io.smallrye.reactive.messaging.kafka.impl.ConfigHelper;
import io.smallrye.reactive.messaging.kafka.impl.ReactiveKafkaProducer;
import io.smallrye.reactive.messaging.kafka.tracing.KafkaOpenTelemetryInstrumenter;
import io.smallrye.reactive.messaging.kafka.tracing.KafkaTrace;

/**
 * The {@value #NAME} connector: writes an outgoing channel to Kafka as {@code smallrye-kafka} does, with the same
 * channel attributes and {@code kafka.*} settings, SmallRye's own producer wrapper (client customizers, serializers,
 * interceptors, Micrometer's client metrics), health checks and send spans, but hands the producer the messages
 * that have queued in one task ({@link BatchingKafkaSink}).
 * <p>
 * Written here because SmallRye's Kafka sink sends each message as its own task on the sending thread, through a
 * chain of operators per record: in a drain of 1,000,000 raw events that hand-over cost more CPU than the
 * pipeline's own work (src/site/benchmarks.md). Attributes this connector does not act on: {@code retries} (the
 * idempotent producer retries, see {@link ProducerRetries}), {@code waitForWriteCompletion} (always waits), Cloud
 * Events, {@code propagate-record-key} and {@code propagate-headers}. Outgoing only.
 */
@ApplicationScoped
@Connector(BatchingKafkaConnector.NAME)
@RegisterForReflection(targets = ObjectMapperSerializer.class)
public class BatchingKafkaConnector implements OutboundConnector, HealthReporter {

    public static final String NAME = "clickstream-kafka";

    @Inject
    @Any
    Instance<Map<String, Object>> configurations;

    @Inject
    @Any
    Instance<ClientCustomizer<Map<String, Object>>> configCustomizers;

    @Inject
    @Any
    Instance<SerializationFailureHandler<?>> serializationFailureHandlers;

    @Inject
    @Any
    Instance<ProducerInterceptor<?, ?>> producerInterceptors;

    @Inject
    Instance<OpenTelemetry> openTelemetry;

    @Inject
    KafkaCDIEvents kafkaEvents;

    private final List<Channel> channels = new CopyOnWriteArrayList<>();

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        KafkaConnectorOutgoingConfiguration outgoing = new KafkaConnectorOutgoingConfiguration(
                ConfigHelper.retrieveChannelConfiguration(configurations, config));
        Channel channel = new Channel(outgoing.getChannel(), outgoing.getHealthEnabled(),
                outgoing.getHealthReadinessEnabled());
        ReactiveKafkaProducer<Object, Object> client = new ReactiveKafkaProducer<>(outgoing, configCustomizers,
                serializationFailureHandlers, producerInterceptors, channel::failed,
                (producer, settings) -> kafkaEvents.producer().fire(producer));
        String topic = outgoing.getTopic().orElse(outgoing.getChannel());
        BatchingKafkaSink.Tracing tracing = BatchingKafkaSink.Tracing.NONE;
        if (outgoing.getTracingEnabled()) {
            KafkaOpenTelemetryInstrumenter instrumenter = KafkaOpenTelemetryInstrumenter.createForSink(openTelemetry);
            tracing = (message, record) -> instrumenter.traceOutgoing(message, new KafkaTrace.Builder()
                    .withPartition(record.partition() == null ? -1 : record.partition())
                    .withTopic(record.topic())
                    .withHeaders(record.headers())
                    .withClientId(client.getClientId())
                    .build());
        }
        BatchingKafkaSink sink = new BatchingKafkaSink(outgoing.getChannel(), topic, outgoing.getPartition(),
                outgoing.getKey().orElse(null), outgoing.getMaxInflightMessages(),
                (work, notRun) -> client.runOnSendingThread(work).subscribe().with(done -> {
                }, notRun),
                tracing, channel::failed);
        channel.open(client, sink,
                outgoing.getHealthEnabled() ? new KafkaSinkHealth(outgoing, client.configuration(), client) : null);
        channels.add(channel);
        Log.debugf("Channel %s writes to %s through the %s connector", outgoing.getChannel(), topic, NAME);
        return sink;
    }

    /**
     * After the Kafka connector's sources (priority 50) have finished their in-flight records, whose acks wait for
     * these channels' writes: stops requesting, sends what is queued and closes the producers.
     */
    void terminate(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(60) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        channels.forEach(Channel::close);
    }

    @Override
    public HealthReport getReadiness() {
        HealthReport.HealthReportBuilder builder = HealthReport.builder();
        channels.forEach(channel -> channel.isReady(builder));
        return builder.build();
    }

    @Override
    public HealthReport getLiveness() {
        HealthReport.HealthReportBuilder builder = HealthReport.builder();
        channels.forEach(channel -> channel.isAlive(builder));
        return builder.build();
    }

    @Override
    public HealthReport getStartup() {
        HealthReport.HealthReportBuilder builder = HealthReport.builder();
        channels.forEach(channel -> channel.isStarted(builder));
        return builder.build();
    }

    /** One outgoing channel: its producer, its subscriber, its health and the failures that make it unhealthy. */
    private static final class Channel {

        private static final int FAILURES_KEPT = 10;

        private final String name;
        private final boolean healthEnabled;
        private final boolean readinessEnabled;
        private final List<Throwable> failures = new ArrayList<>();
        private ReactiveKafkaProducer<?, ?> client;
        private BatchingKafkaSink sink;
        private KafkaSinkHealth health;

        Channel(String name, boolean healthEnabled, boolean readinessEnabled) {
            this.name = name;
            this.healthEnabled = healthEnabled;
            this.readinessEnabled = readinessEnabled;
        }

        synchronized void open(ReactiveKafkaProducer<?, ?> client, BatchingKafkaSink sink, KafkaSinkHealth health) {
            this.client = client;
            this.sink = sink;
            this.health = health;
        }

        synchronized void failed(Throwable failure) {
            if (failures.size() == FAILURES_KEPT) {
                failures.remove(0);
            }
            failures.add(failure);
        }

        void isAlive(HealthReport.HealthReportBuilder builder) {
            if (!healthEnabled) {
                return;
            }
            List<Throwable> seen;
            synchronized (this) {
                seen = List.copyOf(failures);
            }
            if (seen.isEmpty()) {
                builder.add(name, true);
            } else {
                builder.add(name, false, seen.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")));
            }
        }

        void isReady(HealthReport.HealthReportBuilder builder) {
            KafkaSinkHealth current = currentHealth();
            if (current != null && readinessEnabled) {
                current.isReady(builder);
            }
        }

        void isStarted(HealthReport.HealthReportBuilder builder) {
            KafkaSinkHealth current = currentHealth();
            if (current != null) {
                current.isStarted(builder);
            }
        }

        private synchronized KafkaSinkHealth currentHealth() {
            return health;
        }

        void close() {
            BatchingKafkaSink currentSink;
            ReactiveKafkaProducer<?, ?> currentClient;
            KafkaSinkHealth currentHealth;
            synchronized (this) {
                currentSink = sink;
                currentClient = client;
                currentHealth = health;
            }
            try {
                if (currentSink != null) {
                    currentSink.cancel();
                }
                if (currentClient != null) {
                    currentClient.close();
                }
            } catch (RuntimeException e) {
                Log.warnf("Channel %s: closing its producer failed: %s", name, e);
            }
            if (currentHealth != null) {
                currentHealth.close();
            }
        }
    }
}
