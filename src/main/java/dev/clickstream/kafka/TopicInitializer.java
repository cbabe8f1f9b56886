package dev.clickstream.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Creates the declared topics ({@link TopicsConfig}) before the channels connect, and says in the log where an
 * existing topic differs from its declaration. If the broker is not there yet, start-up goes on and the
 * topics are created in the background as soon as it is.
 */
@ApplicationScoped
public class TopicInitializer {

    @Inject
    TopicsConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private Admin admin;
    private Cancellable retries;

    void onStart(@Observes @Priority(StartupOrder.TOPICS) StartupEvent event) {
        if (!config.create() || config.topics().isEmpty()) {
            return;
        }
        Map<String, Object> adminConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "clickstream-topics");
        admin = Admin.create(adminConfig);
        try {
            ensureTopics(config.startupTimeout());
        } catch (Exception e) {
            Log.warnf("Kafka is not reachable at %s yet (%s); topics will be created once it is",
                    adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), e.getMessage());
            retries = Uni.createFrom().item(() -> ensureTopics(Duration.ofSeconds(10)))
                    .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(15)).indefinitely()
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(ignored -> Log.info("Kafka reachable again: topics are in place"));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (retries != null) {
            retries.cancel();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private Void ensureTopics(Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = config.topics().entrySet().stream()
                    .filter(topic -> !existing.contains(topic.getKey()))
                    .map(topic -> newTopic(topic.getKey(), topic.getValue()))
                    .toList();
            createAll(missing, timeout);
            List<String> declaredAndExisting = config.topics().keySet().stream().filter(existing::contains).toList();
            if (!declaredAndExisting.isEmpty()) {
                admin.describeTopics(declaredAndExisting).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .values().forEach(this::compareWithDeclaration);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or create topics: " + e.getMessage(), e);
        }
    }

    private void createAll(List<NewTopic> missing, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (var created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                NewTopic topic = missing.stream().filter(t -> t.name().equals(created.getKey())).findFirst().orElseThrow();
                Log.infof("Created topic %s: %d partitions, replication factor %d, %s", topic.name(),
                        topic.numPartitions(), topic.replicationFactor(), topic.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    static NewTopic newTopic(String name, TopicsConfig.Topic declared) {
        Map<String, String> configs = new HashMap<>(declared.config());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(declared.retention().toMillis()));
        configs.put(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(declared.retentionBytes()));
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, declared.cleanupPolicy());
        return new NewTopic(name, declared.partitions(), declared.replicationFactor()).configs(configs);
    }

    private void compareWithDeclaration(TopicDescription actual) {
        TopicsConfig.Topic declared = config.topics().get(actual.name());
        int partitions = actual.partitions().size();
        int replicas = actual.partitions().get(0).replicas().size();
        if (partitions < declared.partitions()) {
            Log.warnf("Topic %s has %d partitions but %d are configured: fewer consumers can share its load. "
                    + "Raise them with kafka-topics.sh --alter --partitions %d (keys then map to other partitions)",
                    actual.name(), partitions, declared.partitions(), declared.partitions());
        } else if (partitions > declared.partitions()) {
            Log.infof("Topic %s has %d partitions, more than the %d configured", actual.name(), partitions,
                    declared.partitions());
        }
        if (replicas != declared.replicationFactor()) {
            Log.warnf("Topic %s has replication factor %d but %d is configured", actual.name(), replicas,
                    declared.replicationFactor());
        }
    }
}
