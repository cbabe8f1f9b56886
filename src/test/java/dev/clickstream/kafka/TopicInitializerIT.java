package dev.clickstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.InProcessBroker;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TestDirs;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The packaged service declares its topics at start-up: it creates the missing ones as configured and warns
 * about an existing one with fewer partitions, fewer replicas or a lower {@code min.insync.replicas} than
 * configured, which it leaves as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicInitializerIT {

    private InProcessBroker broker;
    private KafkaCompanion kafka;
    private ServiceProcess service;

    @BeforeAll
    void startWithRawEventsTooNarrow() {
        broker = InProcessBroker.start(TestDirs.fresh("kafka-brokers", "topic-initializer-it"), Map.of());
        kafka = new KafkaCompanion(broker.bootstrapServers());
        kafka.topics().createAndWait("raw_events", 1);
        service = ServiceProcess.named("topic-initializer-it")
                .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                .withProperty("clickstream.topics.audit_trail.partitions", "2")
                .withProperty("clickstream.topics.audit_trail.retention", "1h")
                .withProperty("clickstream.topics.audit_trail.config.\"max.message.bytes\"", "65536")
                .withProperty("clickstream.topics.raw_events.replication-factor", "2")
                .withProperty("clickstream.topics.raw_events.min-insync-replicas", "2")
                .start();
    }

    @AfterAll
    void stop() {
        service.close();
        kafka.close();
        broker.close();
    }

    @Test
    void createsMissingTopicsWithTheirDeclaredSettings() throws Exception {
        Map<String, Integer> partitions = Map.of("processed_events", 3, "raw_events_dlq", 1, "audit_trail", 2);
        partitions.forEach((topic, count) -> assertThat(kafka.topics().describe(topic).get(topic).partitions())
                .as("partitions of %s", topic).hasSize(count));
        Config auditTrail = topicConfig("audit_trail");
        assertThat(auditTrail.get("retention.ms").value()).isEqualTo("3600000");
        assertThat(auditTrail.get("max.message.bytes").value()).isEqualTo("65536");
        assertThat(auditTrail.get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(service.log()).contains("Created topic audit_trail: 2 partitions");
    }

    @Test
    void warnsAboutATopicWithFewerPartitionsThanDeclaredAndLeavesItAlone() {
        assertThat(service.log().lines().filter(line -> line.contains("WARN")
                && line.contains("[dev.clickstream.kafka.TopicInitializer]")))
                .anySatisfy(line -> assertThat(line).contains("Topic raw_events has 1 partitions but 3 are configured"));
        assertThat(kafka.topics().describe("raw_events").get("raw_events").partitions()).hasSize(1);

        assertThat(service.postJson("/events", EventsJson.raw("narrow-ann", true, "click", "narrow-1")).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> service.get("/events/processed").body(), body -> body.contains("narrow-1"));
    }

    @Test
    void warnsAboutATopicWithFewerReplicasOrALowerInSyncMinimumThanDeclared() throws Exception {
        assertThat(service.log().lines().filter(line -> line.contains("WARN")
                && line.contains("[dev.clickstream.kafka.TopicInitializer]")))
                .anySatisfy(line -> assertThat(line).contains("Topic raw_events has replication factor 1 but 2 is configured"))
                .anySatisfy(line -> assertThat(line).contains("Topic raw_events has min.insync.replicas=1 but 2 is configured"));
        assertThat(topicConfig("raw_events").get("min.insync.replicas").value()).isEqualTo("1");
    }

    private Config topicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return kafka.getOrCreateAdminClient().describeConfigs(List.of(resource)).all()
                .get(10, TimeUnit.SECONDS).get(resource);
    }
}
