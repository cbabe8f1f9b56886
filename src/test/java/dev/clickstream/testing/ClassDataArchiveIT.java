package dev.clickstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The class-data archive the build writes from its training run ({@code TrainingRun}, the POM's
 * {@code class-data-archive} execution): the JVM maps it, it holds the Kafka clients the channels build at
 * start-up, and a training run ends by itself.
 */
class ClassDataArchiveIT {

    @Test
    void archiveHoldsTheKafkaClientsAndATrainingRunEndsByItself() throws Exception {
        assumeTrue(Files.isRegularFile(ServiceProcess.CLASS_DATA_ARCHIVE),
                "no " + ServiceProcess.CLASS_DATA_ARCHIVE + ": the build ran with -Dclass-data.skip");
        // -Xshare:on: the JVM refuses to start if it cannot map the archive, instead of quietly running without it.
        try (JvmProcess run = JvmProcess.jar(ServiceProcess.RUNNABLE_JAR,
                TestDirs.fresh("class-data", "training").resolve("run.log"))
                .withJvmOption("-Xshare:on")
                .withJvmOption("-XX:SharedArchiveFile=" + ServiceProcess.CLASS_DATA_ARCHIVE.getFileName())
                .withJvmOption("-Xlog:class+load=info")
                .withSystemProperty("clickstream.training.exit-after", "1s")
                .withSystemProperty("clickstream.topics.startup-timeout", "1s")
                .withSystemProperty("kafka.bootstrap.servers", "localhost:" + FreePorts.next())
                .withSystemProperty("quarkus.http.port", "0")
                .start()) {
            assertThat(run.awaitExit(Duration.ofSeconds(60))).as("exit code (log: %s)", run.logFile()).isZero();
            assertThat(run.log()).contains("clickstream stopped in")
                    .contains("org.apache.kafka.clients.consumer.KafkaConsumer source: shared objects file")
                    .contains("org.apache.kafka.clients.producer.KafkaProducer source: shared objects file")
                    .contains("org.apache.kafka.clients.admin.KafkaAdminClient source: shared objects file");
        }
    }
}
