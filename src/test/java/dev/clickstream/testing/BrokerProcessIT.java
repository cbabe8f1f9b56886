package dev.clickstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker in its own JVM survives what fault tests do to it: SIGKILL, SIGTERM, restart on the same data; and
 * nodes in JVMs of their own, a controller and a broker, form one cluster.
 */
class BrokerProcessIT {

    @Test
    void keepsAckedRecordsAndItsPortAcrossKillAndStop() throws Exception {
        try (BrokerProcess broker = BrokerProcess.in(TestDirs.fresh("kafka-brokers", "broker-process-it")).start()) {
            long firstPid = broker.pid();
            createTopic(broker);
            produce(broker, "before-kill");

            broker.kill();
            assertThat(broker.isAlive()).isFalse();
            broker.start();
            assertThat(broker.pid()).isNotEqualTo(firstPid);
            produce(broker, "after-kill");

            int exitCode = broker.stop();
            assertThat(broker.isAlive()).isFalse();
            broker.start();

            assertThat(values(broker)).containsExactlyInAnyOrder("before-kill", "after-kill");
            assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void aControllerAndABrokerInTheirOwnJvmsFormOneCluster() throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        try (BrokerProcess controller = BrokerProcess.in(TestDirs.fresh("kafka-brokers", "controller-it"));
                BrokerProcess broker = BrokerProcess.in(TestDirs.fresh("kafka-brokers", "broker-it"))) {
            controller.asNode(1, "controller", controller.voter(), clusterId).start();
            broker.asNode(2, "broker", controller.voter(), clusterId).start();
            createTopic(broker);
            produce(broker, "through-the-cluster");

            assertThat(values(broker)).containsExactly("through-the-cluster");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).extracting(node -> node.id()).containsExactly(2);
                assertThat(admin.describeMetadataQuorum().quorumInfo().get().leaderId()).isEqualTo(1);
            }
        }
    }

    private static void createTopic(BrokerProcess broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("survivors", 2, (short) 1))).all().get();
        }
    }

    private static void produce(BrokerProcess broker, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("survivors", value, value)).get();
        }
    }

    private static List<String> values(BrokerProcess broker) {
        return TopicContents.read(broker.bootstrapServers(), "survivors").stream().map(ConsumerRecord::value).toList();
    }
}
