package dev.clickstream.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.clickstream.kafka.AdminClients;
import dev.clickstream.kafka.TopicsConfig;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Readiness: DOWN while a partition of a declared topic takes no {@code acks=all} write (no leader, or fewer in-sync
 * replicas than {@code min.insync.replicas}), naming each such partition and why; the connector's own check only
 * says whether a broker answers. One batched look (describe topics, describe their configs) with its own Admin
 * client answers every probe for {@code clickstream.health.partitions-refresh}. A principal that may not describe
 * topic configs (not among the ACLs the service needs) gets the declared {@code min.insync.replicas}, or 1 where none
 * is declared. With the channels in memory there is no broker to look at, and it is UP.
 */
@Readiness
@ApplicationScoped
public class WritablePartitionsCheck implements AsyncHealthCheck {

    static final String NAME = "Kafka partitions writable";

    @ConfigProperty(name = "mp.messaging.outgoing.raw-events-out.connector")
    String connector;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    TopicsConfig topicsConfig;

    @Inject
    HealthConfig config;

    private Uni<HealthCheckResponse> look;
    /** Guarded by this. */
    private Admin admin;
    private volatile boolean lastUp = true;

    @PostConstruct
    void init() {
        // Mutiny's memoize shares one look between concurrent probes and reuses it for the refresh interval.
        look = Uni.createFrom().deferred(this::lookNow)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .memoize().atLeast(config.partitionsRefresh());
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(config.adminTimeout());
        }
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!"smallrye-kafka".equals(connector)) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up()
                    .withData("channels", connector + ", no broker to look at").build());
        }
        return look;
    }

    private Uni<HealthCheckResponse> lookNow() {
        List<String> names = List.copyOf(topicsConfig.topics().keySet());
        Map<String, KafkaFuture<TopicDescription>> described = admin().describeTopics(names).topicNameValues();
        Map<ConfigResource, KafkaFuture<Config>> configs = admin().describeConfigs(names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).values();
        Uni<Map<String, TopicDescription>> existing = byTopic(described.entrySet().stream()
                .map(topic -> existing(topic.getValue()).map(found -> found.map(d -> Map.entry(topic.getKey(), d))))
                .toList());
        Uni<Map<String, Integer>> minInsync = byTopic(configs.entrySet().stream()
                .map(topic -> existing(topic.getValue())
                        .map(found -> found.map(config -> Integer.parseInt(
                                config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())))
                        // DESCRIBE_CONFIGS is not among the ACLs the service needs: without it, the declared value.
                        .onFailure(AuthorizationException.class).recoverWithItem(
                                () -> topicsConfig.topics().get(topic.getKey().name()).minInsyncReplicas())
                        .map(found -> found.map(value -> Map.entry(topic.getKey().name(), value))))
                .toList());
        return Uni.combine().all().unis(existing, minInsync).asTuple()
                .map(found -> response(names, found.getItem1(), found.getItem2()))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", "partitions not described: " + failure).build())
                .invoke(this::logChange);
    }

    private static HealthCheckResponse response(List<String> names, Map<String, TopicDescription> existing,
            Map<String, Integer> minInsync) {
        List<WritablePartitions.Blocked> blocked = WritablePartitions.blocked(existing, minInsync);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(blocked.isEmpty())
                .withData("topics", String.join(", ", existing.keySet().stream().sorted().toList()));
        List<String> missing = names.stream().filter(name -> !existing.containsKey(name)).sorted().toList();
        if (!missing.isEmpty()) {
            response.withData("not created yet", String.join(", ", missing));
        }
        blocked.forEach(partition -> response.withData(partition.name(), partition.reason()));
        return response.build();
    }

    private void logChange(HealthCheckResponse response) {
        boolean up = response.getStatus() == HealthCheckResponse.Status.UP;
        if (up != lastUp) {
            lastUp = up;
            if (up) {
                Log.infof("Every partition of the declared topics takes writes again");
            } else {
                Log.warnf("Not ready, partitions take no acks=all write: %s", response.getData().orElse(Map.of()));
            }
        }
    }

    /** The answers of one batched Admin call, by topic; a topic not created yet is left out. */
    private static <T> Uni<Map<String, T>> byTopic(List<Uni<Optional<Map.Entry<String, T>>>> answers) {
        return Uni.join().all(answers).andFailFast().map(found -> found.stream().flatMap(Optional::stream)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static <T> Uni<Optional<T>> existing(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage()).map(Optional::of)
                .onFailure(UnknownTopicOrPartitionException.class).recoverWithItem(Optional.empty());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = AdminClients.create(kafkaConfig, "clickstream-health", config.adminTimeout());
        }
        return admin;
    }
}
