package dev.clickstream.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/** Who in a consumer group owns which partitions of a topic, as the group coordinator reports it. */
final class GroupMembers {

    private GroupMembers() {
    }

    /** Each member's {@code client.id} with the partitions of {@code topic} assigned to it (none for an idle one). */
    static Map<String, List<Integer>> owners(Admin admin, String group, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                .get(group).get(10, TimeUnit.SECONDS);
        Map<String, List<Integer>> owners = new TreeMap<>();
        for (MemberDescription member : description.members()) {
            List<Integer> partitions = new ArrayList<>(member.assignment().topicPartitions().stream()
                    .filter(partition -> partition.topic().equals(topic)).map(TopicPartition::partition).sorted()
                    .toList());
            owners.merge(member.clientId(), partitions, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return owners;
    }

    /**
     * Whether {@code owners} are exactly {@code clientIds}, and every one of {@code partitions} has exactly one
     * owner, each of the first {@code min(clientIds, partitions)} members at least one.
     */
    static boolean ownedOnceEach(Map<String, List<Integer>> owners, List<String> clientIds, int partitions) {
        if (!owners.keySet().equals(new TreeSet<>(clientIds))) {
            return false;
        }
        List<Integer> all = owners.values().stream().flatMap(List::stream).sorted().toList();
        long busy = owners.values().stream().filter(p -> !p.isEmpty()).count();
        return all.equals(IntStream.range(0, partitions).boxed().toList())
                && busy == Math.min(clientIds.size(), partitions);
    }
}
