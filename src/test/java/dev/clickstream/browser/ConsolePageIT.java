package dev.clickstream.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.jboss.logging.Logger;

import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TestDirs;

/**
 * The console page at {@code /} in headless Chromium, against the packaged service and a real broker, each in its
 * own JVM. One page stays open through the tests, in order, and is never reloaded: each test checks that the page
 * moved by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePageIT {

    private static final Logger LOG = Logger.getLogger(ConsolePageIT.class);
    static final Path SCREENSHOT = TestDirs.TARGET.resolve("browser/console.png");
    private static final List<String> TOPICS = List.of("raw_events", "processed_events", "raw_events_dlq");
    private static final String LAG_GROUP = "console-test-lag-group";

    private BrokerProcess broker;
    private ServiceProcess service;
    private ChromeDriver browser;
    private Admin admin;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        Chromium.assumeInstalled();
        broker = BrokerProcess.in(TestDirs.fresh("brokers", "console-page")).start();
        service = ServiceProcess.named("console-page")
                .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                // 3 topics x 3 partitions: the shape the overview's latency is reported for.
                .withProperty("clickstream.topics.raw_events_dlq.partitions", "3")
                .start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        browser = Chromium.start();
        browser.get(service.url("/"));
        await("page live with its topics").atMost(Duration.ofSeconds(30))
                .until(() -> "live".equals(text("#connection-text")) && count("[data-topic] tbody tr") == 9);
        // Gone after a reload: each test ends by checking it is still there.
        script("window.notReloaded = true");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void loadsWithoutConsoleErrorsOrRequestsToAnotherOrigin() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(LogEntry::toString).toList();
        List<String> resources = script("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat(performance.getEntriesByType('navigation').map(e => e.name))");
        String origin = service.url("");

        assertThat(errors).as("browser console errors and warnings").isEmpty();
        assertThat(resources).as("requests the page made").isNotEmpty()
                .allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        assertThat(resources).anyMatch(url -> url.endsWith("/js/console.js"))
                .anyMatch(url -> url.endsWith("/console.css"));
        assertNotReloaded();
    }

    @Test
    @Order(1)
    void theDevClusterCardStaysHiddenWithoutADevClusterAndNoDevPathIsAsked() {
        List<String> resources = script("return performance.getEntriesByType('resource').map(e => e.name)");

        assertThat(resources).anyMatch(url -> url.endsWith("/kafka/dev-cluster"))
                .noneMatch(url -> url.contains("/dev/brokers"));
        assertThat(attribute("#dev-brokers", "hidden")).as("the dev cluster card's hidden attribute").isNotNull();
        assertThat(count("#dev-brokers-table tbody tr")).isZero();
        assertNotReloaded();
    }

    @Test
    @Order(2)
    void topicAndPartitionFactsAreWhatTheAdminClientReports() throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(TOPICS.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get(10, TimeUnit.SECONDS);

        for (String topic : TOPICS) {
            TopicDescription description = descriptions.get(topic);
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            String card = "article[data-topic='" + topic + "']";
            assertThat(text(card + " [data-fact='partitions'] b")).isEqualTo(Integer.toString(description.partitions().size()));
            assertThat(count(card + " tbody tr")).isEqualTo(description.partitions().size());
            assertThat(text(card + " [data-fact='replication-factor'] b"))
                    .isEqualTo(Integer.toString(description.partitions().get(0).replicas().size()));
            assertThat(text(card + " [data-fact='cleanup-policy'] b")).isEqualTo(config.get("cleanup.policy").value());
            assertThat(attribute(card + " [data-fact='retention-ms']", "data-value"))
                    .isEqualTo(config.get("retention.ms").value());
            for (var partition : description.partitions()) {
                String row = card + " tr[data-partition='" + partition.partition() + "']";
                assertThat(text(row + " [data-field='leader']")).isEqualTo(Integer.toString(partition.leader().id()));
                assertThat(attribute(row + " [data-field='isr']", "data-value")).isEqualTo(
                        partition.isr().stream().map(node -> Integer.toString(node.id())).collect(Collectors.joining(",")));
            }
        }
        logOverviewLatency();
        assertNotReloaded();
    }

    @Test
    @Order(3)
    void producingRecordsToAPartitionRaisesItsEndOffsetOnThePageByExactlyThatMany() throws Exception {
        long before = awaitStable(() -> pageEndOffset("raw_events", 0));
        int produced = 7;
        for (int i = 0; i < produced; i++) {
            producer.send(new ProducerRecord<>("raw_events", 0, "end-offset-user",
                    EventsJson.raw("end-offset-user", false, "click", null))).get(10, TimeUnit.SECONDS);
        }

        await("end offset of raw_events-0 on the page").atMost(Duration.ofSeconds(5))
                .until(() -> pageEndOffset("raw_events", 0), end -> end == before + produced);
        assertNotReloaded();
    }

    @Test
    @Order(4)
    void aFormPublishShowsThePreviewedPartitionAndTheNextOffsetForTheSameKey() {
        String user = "form-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("pub-user")).clear();
        browser.findElement(By.id("pub-user")).sendKeys(user);
        int previewed = Integer.parseInt(await("partition preview for " + user).atMost(Duration.ofSeconds(5))
                .until(() -> text("#pub-preview").contains(user) ? attribute("#pub-preview", "data-partition") : null,
                        Objects::nonNull));

        int[] first = publishThroughTheForm(null);
        int[] second = publishThroughTheForm(first);

        int murmur2 = BuiltInPartitioner.partitionForKey(user.getBytes(StandardCharsets.UTF_8), 3);
        assertThat(first[0]).isEqualTo(previewed).isEqualTo(murmur2);
        assertThat(second[0]).isEqualTo(first[0]);
        assertThat(second[1]).isEqualTo(first[1] + 1);
        assertNotReloaded();
    }

    @Test
    @Order(5)
    void aRefusedPublishShowsItsProblemDetailsInline() {
        browser.findElement(By.id("pub-user")).clear();
        browser.findElement(By.id("pub-send")).click();

        await().atMost(Duration.ofSeconds(5)).until(() -> text("#publish-result").contains("400"));
        assertThat(attribute("#publish-result", "class")).contains("problem");
        assertThat(text("#publish-result li")).contains("user").contains("must not be blank");
        browser.findElement(By.id("pub-user")).sendKeys("alice");
        assertNotReloaded();
    }

    @Test
    @Order(6)
    void eachProcessedEventAppearsInTheFeedWithinTwoSecondsAndTheFeedKeepsItsCap() {
        for (int i = 0; i < 5; i++) {
            String user = "feed-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(service.postJson("/events", EventsJson.raw(user, true, "view", null)).statusCode()).isEqualTo(202);
            await("processed event of " + user + " in the feed").atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> count("#feed tbody tr[data-key='" + user + "']") == 1);
        }

        List<String> batch = IntStream.range(0, 150)
                .mapToObj(i -> EventsJson.raw("cap-" + i, true, "click", null)).toList();
        assertThat(service.postJson("/events", EventsJson.array(batch)).statusCode()).isEqualTo(202);

        await("the last of 150 in the feed").atMost(Duration.ofSeconds(10))
                .until(() -> count("#feed tbody tr[data-key^='cap-']") == 100);
        assertThat(count("#feed tbody tr")).isEqualTo(100);
        assertThat(text("#feed-count")).isEqualTo("100");
        writeScreenshot();
        assertNotReloaded();
    }

    @Test
    @Order(7)
    void aPausedGroupsLagGrowsByWhatWasProducedAndFallsToZeroOnceItCatchesUp() throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, LAG_GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition("raw_events", p)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            commitPositions(consumer, partitions);
            await("the test group caught up on the page").atMost(Duration.ofSeconds(10))
                    .until(() -> pageLag(LAG_GROUP, 1), lag -> "0".equals(lag));

            // Paused: the group neither polls nor commits while records arrive.
            int produced = 5;
            for (int i = 0; i < produced; i++) {
                producer.send(new ProducerRecord<>("raw_events", 1, "lag-user",
                        EventsJson.raw("lag-user", false, "click", null))).get(10, TimeUnit.SECONDS);
            }
            await("lag of the paused group on the page").atMost(Duration.ofSeconds(5))
                    .until(() -> pageLag(LAG_GROUP, 1), lag -> Integer.toString(produced).equals(lag));

            // Resumed: it reads what came and commits.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return consumer.position(partitions.get(1)) == consumer.endOffsets(List.of(partitions.get(1))).get(partitions.get(1));
            });
            commitPositions(consumer, partitions);
            await("lag back to 0 on the page").atMost(Duration.ofSeconds(10))
                    .until(() -> pageLag(LAG_GROUP, 1), lag -> "0".equals(lag));
        }
        assertNotReloaded();
    }

    @Test
    @Order(8)
    void theGeneratorRunsUntilStoppedAndThenTheOffsetsStayStill() {
        setValue("#gen-count", "0");
        setValue("#gen-interval", "20");
        long before = pageEndOffsetSum("raw_events");
        browser.findElement(By.id("gen-start")).click();

        await("generator running").atMost(Duration.ofSeconds(15)).until(() -> "running".equals(text("#generator-state")));
        await("raw_events growing on the page").atMost(Duration.ofSeconds(30))
                .until(() -> pageEndOffsetSum("raw_events") > before + 20);

        browser.findElement(By.id("gen-stop")).click();
        await("generator stopped").atMost(Duration.ofSeconds(15)).until(() -> "stopped".equals(text("#generator-state")));
        long stopped = awaitStable(() -> pageEndOffsetSum("raw_events"));

        await("offsets still after the stop").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> pageEndOffsetSum("raw_events") == stopped);
        assertNotReloaded();
    }

    @Test
    @Order(9)
    void aRestartedServiceShowsReconnectingThenTheFeedResumesByItself() {
        service.stop();
        await("reconnecting shown").atMost(Duration.ofSeconds(15))
                .until(() -> "reconnecting".equals(text("#connection-text")));

        service.start();
        await("live again").atMost(Duration.ofSeconds(60)).until(() -> "live".equals(text("#connection-text")));
        String user = "after-restart-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(service.postJson("/events", EventsJson.raw(user, true, "login", null)).statusCode()).isEqualTo(202);

        await("the feed resumed").atMost(Duration.ofSeconds(15))
                .until(() -> count("#feed tbody tr[data-key='" + user + "']") == 1);
        assertNotReloaded();
    }

    /**
     * How long {@code GET /kafka/overview} takes from the cache while the page keeps it warm: 200 sequential GETs,
     * logged and written to {@code target/browser/overview-latency.txt}; a figure for the report, not a limit.
     */
    private void logOverviewLatency() {
        long[] micros = new long[200];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            assertThat(service.get("/kafka/overview").statusCode()).isEqualTo(200);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        String figure = String.format("GET /kafka/overview, 3 topics x 3 partitions, 200 sequential requests: "
                + "median %d us, p90 %d us, max %d us", micros[100], micros[180], micros[199]);
        LOG.info(figure);
        try {
            Files.writeString(TestDirs.TARGET.resolve("browser/overview-latency.txt"), figure + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submits the publish form and waits for its answer, a new one if {@code previous} is given. */
    private int[] publishThroughTheForm(int[] previous) {
        browser.findElement(By.id("pub-send")).click();
        return await("the form's answer").atMost(Duration.ofSeconds(10)).until(() -> {
            String partition = attribute("#publish-result", "data-partition");
            String offset = attribute("#publish-result", "data-offset");
            return partition == null || offset == null ? null
                    : new int[] { Integer.parseInt(partition), Integer.parseInt(offset) };
        }, answer -> answer != null && (previous == null || answer[1] != previous[1]));
    }

    private static void commitPositions(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> positions = partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> new OffsetAndMetadata(consumer.position(tp))));
        consumer.commitSync(positions);
    }

    /** Waits until a value on the page stayed the same across two snapshots, and returns it. */
    private long awaitStable(java.util.concurrent.Callable<Long> value) {
        List<Long> seen = new ArrayList<>();
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            seen.add(value.call());
            int n = seen.size();
            return n >= 2 && seen.get(n - 1).equals(seen.get(n - 2)) ? seen.get(n - 1) : null;
        }, Objects::nonNull);
    }

    private long pageEndOffset(String topic, int partition) {
        return Long.parseLong(attribute("article[data-topic='" + topic + "'] tr[data-partition='" + partition
                + "'] [data-field='end']", "data-value"));
    }

    private long pageEndOffsetSum(String topic) {
        List<String> ends = script("return [...document.querySelectorAll(\"article[data-topic='" + topic
                + "'] [data-field='end']\")].map(e => e.dataset.value)");
        return ends.stream().mapToLong(Long::parseLong).sum();
    }

    private String pageLag(String group, int partition) {
        return text("[data-group='" + group + "'] tr[data-topic='raw_events'][data-partition='" + partition
                + "'] [data-field='lag']");
    }

    private void assertNotReloaded() {
        assertThat((Boolean) script("return window.notReloaded === true")).as("page not reloaded").isTrue();
    }

    private void writeScreenshot() {
        try {
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    private void setValue(String selector, String value) {
        script("document.querySelector(arguments[0]).value = arguments[1]", selector, value);
    }

    private String text(String selector) {
        return script("const e = document.querySelector(arguments[0]); return e === null ? null : e.textContent.trim()",
                selector);
    }

    private String attribute(String selector, String name) {
        return script("const e = document.querySelector(arguments[0]); return e === null ? null : e.getAttribute(arguments[1])",
                selector, name);
    }

    private int count(String selector) {
        return ((Number) script("return document.querySelectorAll(arguments[0]).length", selector)).intValue();
    }

    @SuppressWarnings("unchecked")
    private <T> T script(String script, Object... args) {
        return (T) ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
