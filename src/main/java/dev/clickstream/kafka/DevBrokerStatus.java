package dev.clickstream.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.logging.Log;

/**
 * Dev mode only: one broker of the dev cluster, whether it runs, and the partitions it leads and those where it is
 * an in-sync replica, as the controller reports them now.
 */
public record DevBrokerStatus(
        @JsonProperty("id") int id,
        @JsonProperty("port") int port,
        @JsonProperty("running") boolean running,
        @JsonProperty("leads") List<String> leads,
        @JsonProperty("in_sync") List<String> inSync) {

    private static final int TIMEOUT_MS = 5000;

    /** Every broker of {@code cluster}; without a running broker to ask, the partition lists are empty. */
    static List<DevBrokerStatus> of(LocalKafkaClusterMXBean cluster) {
        int[] ids = cluster.getBrokerIds();
        Map<Integer, List<String>> leads = new TreeMap<>();
        Map<Integer, List<String>> inSync = new TreeMap<>();
        String bootstrap = IntStream.of(ids).filter(cluster::running).mapToObj(id -> "localhost:" + cluster.port(id))
                .collect(Collectors.joining(","));
        if (!bootstrap.isEmpty()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS))) {
                var names = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                for (TopicDescription topic : admin.describeTopics(names).allTopicNames()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).values()) {
                    for (TopicPartitionInfo partition : topic.partitions()) {
                        String name = topic.name() + "-" + partition.partition();
                        Node leader = partition.leader();
                        if (leader != null && !leader.isEmpty()) {
                            leads.computeIfAbsent(leader.id(), id -> new ArrayList<>()).add(name);
                        }
                        partition.isr().forEach(node -> inSync.computeIfAbsent(node.id(), id -> new ArrayList<>()).add(name));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                Log.debugf("Partition leaders unknown: %s", e.getMessage());
            }
        }
        return IntStream.of(ids).mapToObj(id -> new DevBrokerStatus(id, cluster.port(id), cluster.running(id),
                sorted(leads.get(id)), sorted(inSync.get(id)))).toList();
    }

    private static List<String> sorted(List<String> partitions) {
        return partitions == null ? List.of() : partitions.stream().sorted().toList();
    }
}
