package dev.clickstream.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import dev.clickstream.security.TestCredentials;
import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TestDirs;

/**
 * The console page in headless Chromium against the packaged service with security on and reads protected: the page
 * loads, its data waits for the sign-in box, and a refused call shows its problem inline, never the browser's own
 * sign-in dialog (which would leave the page waiting). A publisher publishes but cannot start the generator; an
 * operator can.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredConsolePageIT {

    private static final Duration QUICK = Duration.ofSeconds(15);

    private BrokerProcess broker;
    private ServiceProcess service;
    private ChromeDriver browser;
    private Admin admin;

    @BeforeAll
    void start() {
        Chromium.assumeInstalled();
        broker = BrokerProcess.in(TestDirs.fresh("brokers", "secured-console-page")).start();
        ServiceProcess secured = ServiceProcess.named("secured-console-page")
                .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                .withProperty("clickstream.security.protect-reads", "true");
        // Test users and a test key, made at test time; the passwords are the tests' own.
        TestCredentials.serviceConfig().forEach(secured::withProperty);
        service = secured.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        browser = Chromium.start();
        browser.manage().timeouts().scriptTimeout(QUICK);
        browser.get(service.url("/"));
    }

    @AfterAll
    void stop() {
        // Null resources are skipped; they close in reverse order, the broker last.
        try (BrokerProcess closingBroker = broker; ServiceProcess closingService = service; Admin closingAdmin = admin) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    @Order(1)
    void showsTheRefusedReadsInlineUntilSignedIn() {
        await("the streams' 401 in the sign-in line").atMost(QUICK)
                .until(() -> text("#auth-problem").startsWith("401 Unauthorized"));
        assertThat(text("#connection-text")).isNotEqualTo("live");
    }

    @Test
    @Order(2)
    void publishingWithoutSigningInShowsThe401AndPublishesNothing() throws Exception {
        long before = rawEventsEnd();
        browser.findElement(By.id("pub-send")).click();
        await("the 401 problem under the form").atMost(QUICK)
                .until(() -> text("#publish-result").startsWith("401 Unauthorized"));
        assertThat(text("#publish-result")).contains("needs credentials");
        assertThat(rawEventsEnd()).as("raw_events' end offsets").isEqualTo(before);
    }

    @Test
    @Order(3)
    void aPublisherSignedInWithBasicPublishesAndTheStreamsGoLive() throws Exception {
        signIn("basic", TestCredentials.PUBLISHER, TestCredentials.PASSWORD);
        await("live once signed in").atMost(QUICK).until(() -> "live".equals(text("#connection-text")));
        long before = rawEventsEnd();
        browser.findElement(By.id("pub-send")).click();
        await("the broker's answer under the form").atMost(QUICK)
                .until(() -> text("#publish-result").startsWith("Stored in raw_events partition"));
        assertThat(rawEventsEnd()).as("raw_events' end offsets").isEqualTo(before + 1);
        assertThat(text("#auth-problem")).isEmpty();
    }

    @Test
    @Order(4)
    void aPublisherCannotStartTheGenerator() {
        browser.findElement(By.id("gen-start")).click();
        await("the 403 problem under the generator").atMost(QUICK)
                .until(() -> text("#generator-status").startsWith("403 Forbidden"));
        assertThat(text("#generator-state")).isEqualTo("stopped");
    }

    @Test
    @Order(5)
    void anOperatorSignedInWithABearerTokenStartsAndStopsTheGenerator() {
        browser.findElement(By.id("auth-sign-out")).click();
        String token = TestCredentials.token(Set.of("operator"));
        signIn("bearer", null, token);
        browser.findElement(By.id("gen-start")).click();
        await("the generator running").atMost(QUICK).until(() -> "running".equals(text("#generator-state")));
        browser.findElement(By.id("gen-stop")).click();
        await("the generator stopped").atMost(QUICK).until(() -> "stopped".equals(text("#generator-state")));
        assertThat(text("#auth-who")).isEqualTo("signed in: bearer token");
        assertThat(browser.executeScript("return JSON.stringify(sessionStorage)").toString())
                .as("credentials kept for the tab only").contains("Bearer ");
        assertThat(browser.executeScript("return JSON.stringify(localStorage)").toString()).isEqualTo("{}");
    }

    private void signIn(String scheme, String user, String secret) {
        new Select(browser.findElement(By.id("auth-scheme"))).selectByValue(scheme);
        if (user != null) {
            type("auth-user", user);
        }
        type("auth-secret", secret);
        browser.findElement(By.id("auth-sign-in")).click();
        await("signed in").atMost(QUICK).until(() -> !browser.findElements(By.id("auth-sign-out")).isEmpty());
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private String text(String selector) {
        List<WebElement> found = browser.findElements(By.cssSelector(selector));
        return found.isEmpty() ? "" : found.get(0).getText().trim();
    }

    private long rawEventsEnd() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of("raw_events")).allTopicNames()
                .get(30, TimeUnit.SECONDS).get("raw_events").partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition("raw_events", p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }
}
