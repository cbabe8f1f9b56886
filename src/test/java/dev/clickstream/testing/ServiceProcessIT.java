package dev.clickstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The packaged service in its own JVM: configured by system properties, ready when it says so, restartable. */
class ServiceProcessIT {

    @Test
    void servesOnItsPortAcrossSigtermAndSigkill() {
        try (InProcessBroker broker = InProcessBroker.start(TestDirs.fresh("kafka-brokers", "service-process-it"), Map.of());
                ServiceProcess service = ServiceProcess.named("service-process-it")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        .start()) {
            assertThat(service.postJson("/events", EventsJson.raw("harness-ann", true, "click", "harness-1"))
                    .statusCode()).isEqualTo(202);
            awaitProcessed(service, "harness-1");

            // 128 + signal number: the JVM ran its shutdown hooks (Quarkus stopped gracefully) after SIGTERM.
            assertThat(service.stop()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(service.log()).contains("clickstream stopped in");
            service.start();
            assertThat(service.kill()).as("exit code after SIGKILL").isEqualTo(137);
            assertThat(service.isAlive()).isFalse();
            service.start();

            assertThat(service.get("/q/health/live").statusCode()).isEqualTo(200);
            awaitProcessed(service, "harness-1");
            assertThat(service.log()).contains("Listening on: http://0.0.0.0:" + service.httpPort());
        }
    }

    private static void awaitProcessed(ServiceProcess service, String eventId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> service.get("/events/processed?limit=100").body(), body -> body.contains(eventId));
    }
}
