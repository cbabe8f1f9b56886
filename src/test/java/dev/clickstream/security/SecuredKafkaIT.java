package dev.clickstream.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TestDirs;

/**
 * The packaged service on a broker that only speaks TLS and authorizes every request
 * ({@link SecuredBroker}), with exactly the ACLs the README lists for it: the pipeline runs end to end (POST,
 * processor, dead letters, view) over SASL_SSL/SCRAM-SHA-512 and over SSL with a client certificate; without one of
 * the ACLs it says which authorization failed; and no secret reaches its log or its {@code /q} endpoints.
 */
class SecuredKafkaIT {

    private static final String SERVICE_USER = "clickstream";
    private static final String SERVICE_PASSWORD = "kafka-pw-" + UUID.randomUUID();
    private static final String NO_GROUP_USER = "clickstream-no-group";
    private static final String NO_WRITE_USER = "clickstream-no-write";

    private static SecuredBroker broker;
    private static Admin admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBroker() {
        broker = new SecuredBroker(TestDirs.fresh("brokers", "secured"),
                Map.of(SERVICE_USER, SERVICE_PASSWORD, NO_GROUP_USER, SERVICE_PASSWORD, NO_WRITE_USER,
                        SERVICE_PASSWORD));
        admin = Admin.create(broker.adminClient());
    }

    @AfterAll
    static void stopBroker() {
        // Null resources are skipped; the admin closes first.
        try (SecuredBroker stopping = broker; Admin closing = admin) {
            broker = null;
            admin = null;
        }
    }

    /** The README's list: what the service's principal needs, and nothing more. */
    static List<AclBinding> serviceAcls(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        // POST /events and the generator write raw_events; the processor reads it in analytics-group.
        acls.add(allow(principal, ResourceType.TOPIC, "raw_events", PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow(principal, ResourceType.TOPIC, "raw_events", PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.GROUP, "analytics-group", PatternType.LITERAL, AclOperation.READ));
        // The processor writes processed_events; each instance's view reads it in a group of its own.
        acls.add(allow(principal, ResourceType.TOPIC, "processed_events", PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow(principal, ResourceType.TOPIC, "processed_events", PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.GROUP, "clickstream-view-", PatternType.PREFIXED, AclOperation.READ));
        // Dead letters.
        acls.add(allow(principal, ResourceType.TOPIC, "raw_events_dlq", PatternType.LITERAL, AclOperation.WRITE));
        // The service creates its topics when missing (clickstream.topics.create=true).
        for (String topic : List.of("raw_events", "processed_events", "raw_events_dlq")) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.CREATE));
        }
        return acls;
    }

    @Test
    void runsThePipelineOverSaslSslWithOnlyTheDocumentedAclsAndLogsNoSecret() throws Exception {
        grant(serviceAcls("User:" + SERVICE_USER));
        Map<String, String> secrets = new HashMap<>(TestCredentials.serviceConfig());
        secrets.putAll(SecuredBroker.asServiceConfig(broker.saslClient(SERVICE_USER, SERVICE_PASSWORD)));
        String token = TestCredentials.token(Set.of("publisher"));
        String wrongPassword = "wrong-pw-" + UUID.randomUUID();

        try (ServiceProcess service = serviceWithSecretsIn(secrets, "secured-sasl")
                .withProperty("quarkus.log.level", "DEBUG")
                .withProperty("quarkus.log.category.\"org.apache.kafka\".level", "DEBUG")
                .start()) {
            assertThat(post(service, TestCredentials.basic(TestCredentials.PUBLISHER, TestCredentials.PASSWORD),
                    EventsJson.array(List.of(EventsJson.raw("sec-ann", true, "click", "sec-1"),
                            EventsJson.raw("sec-bob", false, "click", "sec-2")))).statusCode()).isEqualTo(202);
            assertThat(post(service, token, EventsJson.raw("sec-ann", true, "purchase", "sec-3")).statusCode())
                    .isEqualTo(202);
            assertThat(post(service, TestCredentials.basic(TestCredentials.PUBLISHER, wrongPassword),
                    EventsJson.raw("sec-eve", true, "click", "sec-4")).statusCode()).isEqualTo(401);
            produceAsAdmin("raw_events", "sec-pill", "not json");

            await("processed events in the view").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> service.get("/events/processed?limit=10").body(),
                            body -> body.contains("sec-1") && body.contains("sec-3"));
            assertThat(service.get("/events/processed?limit=10").body()).doesNotContain("sec-2", "sec-4");
            await("the poison pill in raw_events_dlq").atMost(Duration.ofSeconds(60))
                    .until(() -> readAsAdmin("raw_events_dlq"), records -> records.stream()
                            .anyMatch(r -> "sec-pill".equals(r.key()) && "not json".equals(r.value())));

            List<String> endpoints = new ArrayList<>();
            for (String path : List.of("/q/health", "/q/metrics", "/q/openapi")) {
                endpoints.add(service.get(path).body());
            }
            service.stop();

            List<String> lines = service.log().lines().filter(line -> !line.startsWith("==== ")).toList();
            assertThat(lines).anyMatch(line -> line.contains(" DEBUG "))
                    .anyMatch(line -> line.contains("HTTP security on: HTTP Basic (3 users) or bearer JWT"));
            List<String> secretValues = List.of(SERVICE_PASSWORD, SecuredBroker.Tls.STORE_PASSWORD,
                    TestCredentials.PASSWORD, wrongPassword, token.substring("Bearer ".length()),
                    TestCredentials.hash(TestCredentials.PUBLISHER, TestCredentials.PASSWORD));
            for (String secret : secretValues) {
                assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
                assertThat(endpoints).as("/q output").noneMatch(body -> body.contains(secret));
            }
        }
    }

    @Test
    void runsThePipelineOverSslWithAClientCertificate() throws Exception {
        grant(serviceAcls(SecuredBroker.SERVICE_CERTIFICATE_PRINCIPAL));
        Map<String, String> config = new HashMap<>(TestCredentials.serviceConfig());
        config.putAll(SecuredBroker.asServiceConfig(broker.sslClient()));

        try (ServiceProcess service = serviceWithSecretsIn(config, "secured-ssl").start()) {
            assertThat(post(service, TestCredentials.token(Set.of("publisher")),
                    EventsJson.raw("ssl-ann", true, "click", "ssl-1")).statusCode()).isEqualTo(202);
            await("processed event in the view").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> service.get("/events/processed").body(), body -> body.contains("ssl-1"));
        }
    }

    @Test
    void namesTheMissingGroupAclInsteadOfStalling() throws Exception {
        Map<String, String> config = configWithTheDocumentedAcls(NO_GROUP_USER);

        try (ServiceProcess service = serviceWithSecretsIn(config, "secured-no-group").start()) {
            revoke(allow("User:" + NO_GROUP_USER, ResourceType.GROUP, "analytics-group", PatternType.LITERAL,
                    AclOperation.READ));
            post(service, TestCredentials.basic(TestCredentials.PUBLISHER, TestCredentials.PASSWORD),
                    EventsJson.raw("nog-ann", true, "click", "nog-1"));

            await("health DOWN, naming the group").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> service.get("/q/health"), health -> health.statusCode() == 503
                            && health.body().contains("analytics-group"));
            assertThat(service.log().lines())
                    .anyMatch(line -> (line.contains("ERROR") || line.contains("WARN"))
                            && line.contains("Not authorized to access group: analytics-group"));
        }
    }

    @Test
    void namesTheMissingWriteAclOnProcessedEventsAndKeepsTheRawEventUncommitted() throws Exception {
        Map<String, String> config = configWithTheDocumentedAcls(NO_WRITE_USER);
        AclBinding processedWrite = allow("User:" + NO_WRITE_USER, ResourceType.TOPIC, "processed_events",
                PatternType.LITERAL, AclOperation.WRITE);

        try (ServiceProcess service = serviceWithSecretsIn(config, "secured-no-write").start()) {
            revoke(processedWrite);
            HttpResponse<String> accepted = post(service,
                    TestCredentials.basic(TestCredentials.PUBLISHER, TestCredentials.PASSWORD),
                    EventsJson.raw("now-ann", true, "click", "now-1"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode published = new ObjectMapper().readTree(accepted.body()).path("events").path(0);
            TopicPartition partition = new TopicPartition("raw_events", published.path("partition").asInt());
            long offset = published.path("offset").asLong();

            await("the refusal logged, naming the topic").atMost(Duration.ofSeconds(60))
                    .until(() -> service.log().lines().anyMatch(line -> line.contains("ERROR")
                            && line.contains("TopicAuthorizationException")
                            && line.contains("Not authorized to access topics: [processed_events]")));
            // The held batch fails the channel once it waited throttled.unprocessed-record-max-age.ms (60 s).
            await("liveness DOWN").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> service.get("/q/health/live").statusCode() == 503);
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("analytics-group")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(partition);
            assertThat(committed == null ? 0 : committed.offset()).as("analytics-group's commit on " + partition)
                    .isLessThanOrEqualTo(offset);
            assertThat(readAsAdmin("raw_events_dlq")).as("dead letters").noneMatch(r -> "now-ann".equals(r.key()));
            assertThat(service.get("/events/processed?limit=100").body()).doesNotContain("now-1");
        }
        grant(List.of(processedWrite));
        try (ServiceProcess restarted = serviceWithSecretsIn(config, "secured-write-granted").start()) {
            await("the held event processed once the ACL is granted").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> restarted.get("/events/processed?limit=100").body(), body -> body.contains("now-1"));
        }
    }

    /** The service's config as {@code user}, a principal of its own given exactly the README's ACLs. */
    private static Map<String, String> configWithTheDocumentedAcls(String user) throws Exception {
        grant(serviceAcls("User:" + user));
        Map<String, String> config = new HashMap<>(TestCredentials.serviceConfig());
        config.putAll(SecuredBroker.asServiceConfig(broker.saslClient(user, SERVICE_PASSWORD)));
        return config;
    }

    private static void revoke(AclBinding acl) throws Exception {
        admin.deleteAcls(List.of(acl.toFilter())).all().get(30, TimeUnit.SECONDS);
    }

    private static ServiceProcess serviceWithSecretsIn(Map<String, String> secrets, String name) throws IOException {
        // Secrets in a file the service reads, as from a mounted secret: never on a command line.
        Path dir = TestDirs.fresh("services", name);
        Path file = dir.resolve("secrets.properties");
        Properties properties = new Properties();
        properties.putAll(secrets);
        try (var out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return ServiceProcess.named(name)
                .withProperty("clickstream.security.enabled", "true")
                .withProperty("quarkus.config.locations", file.toUri().toString());
    }

    private HttpResponse<String> post(ServiceProcess service, String authorization, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(service.url("/events")))
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static void grant(List<AclBinding> acls) throws Exception {
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }

    private static void produceAsAdmin(String topic, String key, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.adminClient());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** What one poll from the start of {@code topic} returns, read as admin in a throwaway group. */
    private static List<ConsumerRecord<String, String>> readAsAdmin(String topic) {
        Map<String, Object> config = new HashMap<>(broker.adminClient());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            consumer.poll(Duration.ofSeconds(5)).forEach(records::add);
            return records;
        }
    }
}
