package dev.clickstream.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.clickstream.kafka.AdminClients;
import dev.clickstream.kafka.TopicsConfig;
import dev.clickstream.pipeline.EventOutcomes;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The Kafka overview behind the console page: the declared topics, the groups reading them, the processor's counts
 * and the throughput, taken with an Admin client configured like the channels and shared through one
 * {@link SnapshotCache} by {@code GET /kafka/overview} and its stream. The Admin client is created at the first
 * read, so a service nobody looks at never opens it.
 */
@ApplicationScoped
public class KafkaConsole {

    @Inject
    ConsoleConfig config;

    @Inject
    TopicsConfig topicsConfig;

    @Inject
    EventOutcomes outcomes;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.incoming.raw-events.topic")
    String rawTopic;

    @ConfigProperty(name = "mp.messaging.outgoing.processed-events.topic")
    String processedTopic;

    private final ThroughputWindow throughput = new ThroughputWindow();
    private SnapshotCache<KafkaOverview> cache;
    private List<String> topicNames;
    /** Guarded by this. */
    private Admin admin;
    private volatile AdminOverviewReader.Facts lastGood;

    @PostConstruct
    void init() {
        List<String> pipelineOrder = List.of(rawTopic, processedTopic);
        topicNames = topicsConfig.topics().keySet().stream()
                .sorted(Comparator.<String> comparingInt(name -> pipelineOrder.contains(name)
                        ? pipelineOrder.indexOf(name) : pipelineOrder.size())
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        cache = new SnapshotCache<>(this::take, config.refresh(), Infrastructure.getDefaultWorkerPool(), System::nanoTime);
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(config.adminTimeout());
        }
    }

    /** The newest overview; taken now if the cached one is a refresh interval old. */
    public CompletionStage<KafkaOverview> overview() {
        return cache.read();
    }

    /** The current overview, then each new one, refreshed every interval while subscribed. */
    public Multi<KafkaOverview> overviews() {
        return cache.stream();
    }

    /** The topic the raw events go to, whose partition count decides where a key goes. */
    public String rawTopic() {
        return rawTopic;
    }

    KafkaOverview take() {
        long now = System.currentTimeMillis();
        AdminOverviewReader reader = new AdminOverviewReader(admin(), topicNames, config.adminTimeout());
        try {
            AdminOverviewReader.Facts facts = reader.read(now);
            lastGood = facts;
            List<KafkaOverview.Rate> rates = throughput.add(now, endSum(facts, rawTopic), endSum(facts, processedTopic));
            return new KafkaOverview(now, facts.broker(), facts.topics(), facts.groups(), outcomes.counts(), rates);
        } catch (ExecutionException | TimeoutException e) {
            return unreachable(now, e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(now, e);
        }
    }

    /** The last good overview's topics and groups, saying the broker could not be reached and since when. */
    private KafkaOverview unreachable(long now, Throwable failure) {
        Log.debugf("Kafka overview: broker not reachable: %s", failure.toString());
        AdminOverviewReader.Facts last = lastGood;
        String error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        KafkaOverview.Broker broker = last == null
                ? new KafkaOverview.Broker(false, null, null, List.of(), error, null)
                : new KafkaOverview.Broker(false, last.broker().clusterId(), last.broker().controller(),
                        last.broker().nodes(), error, last.broker().lastGoodAt());
        return new KafkaOverview(now, broker, last == null ? List.of() : last.topics(),
                last == null ? List.of() : last.groups(), outcomes.counts(), throughput.rates());
    }

    private static long endSum(AdminOverviewReader.Facts facts, String topic) {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> end : facts.latest().entrySet()) {
            if (end.getKey().topic().equals(topic)) {
                sum += end.getValue();
            }
        }
        return sum;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = AdminClients.create(kafkaConfig, "clickstream-console", config.adminTimeout());
        }
        return admin;
    }
}
