package dev.clickstream.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
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
 * <p>
 * Unless a topic says otherwise, it gets 3 replicas, or as many as the cluster has brokers if fewer, and
 * {@code min.insync.replicas=2} where it has 3 or more: an acked event is then on two brokers, and one broker may be
 * down without stopping writes. Brokers count whether they are up or not (fenced), so a cluster with a broker down
 * does not get topics with fewer replicas: their creation waits for the broker instead.
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
            Log.warnf("Topics not in place at %s yet (%s); trying again in the background",
                    adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), e.getMessage());
            retries = Uni.createFrom().item(() -> ensureTopics(Duration.ofSeconds(10)))
                    .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(15)).indefinitely()
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(ignored -> Log.info("Topics are in place"));
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
            int brokers = admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            Map<String, NewTopic> declared = new HashMap<>();
            config.topics().forEach((name, topic) -> declared.put(name, newTopic(name, topic, brokers)));
            List<NewTopic> missing = declared.values().stream().filter(topic -> !existing.contains(topic.name())).toList();
            createAll(missing, timeout);
            List<String> declaredAndExisting = declared.keySet().stream().filter(existing::contains).toList();
            if (!declaredAndExisting.isEmpty()) {
                Map<ConfigResource, Config> configs = admin.describeConfigs(declaredAndExisting.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                admin.describeTopics(declaredAndExisting).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .values().forEach(actual -> compareWithDeclaration(actual, declared.get(actual.name()),
                                configs.get(new ConfigResource(ConfigResource.Type.TOPIC, actual.name()))));
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

    /** The topic as declared, on a cluster of {@code brokers} brokers (see the class comment for the defaults). */
    static NewTopic newTopic(String name, TopicsConfig.Topic declared, int brokers) {
        short replicas = declared.replicationFactor().orElse((short) Math.max(1, Math.min(3, brokers)));
        Map<String, String> configs = new HashMap<>(declared.config());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(declared.retention().toMillis()));
        configs.put(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(declared.retentionBytes()));
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, declared.cleanupPolicy());
        declared.minInsyncReplicas().or(() -> replicas >= 3 ? Optional.of(2) : Optional.empty())
                .ifPresent(minInSync -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync.toString()));
        return new NewTopic(name, declared.partitions(), replicas).configs(configs);
    }

    private static void compareWithDeclaration(TopicDescription actual, NewTopic declared, Config actualConfig) {
        String name = actual.name();
        int partitions = actual.partitions().size();
        if (partitions < declared.numPartitions()) {
            Log.warnf("Topic %s has %d partitions but %d are configured: fewer consumers can share its load. "
                    + "Raise them with kafka-topics.sh --alter --partitions %d (keys then map to other partitions)",
                    name, partitions, declared.numPartitions(), declared.numPartitions());
        } else if (partitions > declared.numPartitions()) {
            Log.infof("Topic %s has %d partitions, more than the %d configured", name, partitions,
                    declared.numPartitions());
        }
        int replicas = actual.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        if (replicas < declared.replicationFactor()) {
            Log.warnf("Topic %s has replication factor %d but %d is configured: a broker lost can lose acked events "
                    + "or stop the topic. Add replicas with kafka-reassign-partitions.sh", name, replicas,
                    declared.replicationFactor());
        } else if (replicas > declared.replicationFactor()) {
            Log.infof("Topic %s has replication factor %d, more than the %d configured", name, replicas,
                    declared.replicationFactor());
        }
        String wanted = declared.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        var minInSync = actualConfig == null ? null : actualConfig.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (wanted != null && minInSync != null && Integer.parseInt(minInSync.value()) < Integer.parseInt(wanted)) {
            Log.warnf("Topic %s has min.insync.replicas=%s but %s is configured: an acked event may be on fewer "
                    + "brokers than that. Raise it with kafka-configs.sh --alter --entity-type topics --entity-name %s "
                    + "--add-config min.insync.replicas=%s", name, minInSync.value(), wanted, name, wanted);
        }
    }
}
