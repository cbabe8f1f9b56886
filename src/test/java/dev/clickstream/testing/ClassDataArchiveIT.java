package dev.clickstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        Path log = TestDirs.fresh("class-data", "training").resolve("run.log");
        // -Xshare:on: the JVM refuses to start if it cannot map the archive, instead of quietly running without it.
        Process run = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + ServiceProcess.CLASS_DATA_ARCHIVE.getFileName(),
                "-Xlog:class+load=info",
                "-Dclickstream.training.exit-after=1s",
                "-Dclickstream.topics.startup-timeout=1s",
                "-Dkafka.bootstrap.servers=localhost:" + FreePorts.next(),
                "-Dquarkus.http.port=0",
                "-jar", ServiceProcess.RUNNABLE_JAR.getFileName().toString()))
                .directory(ServiceProcess.RUNNABLE_JAR.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ProcessKiller.killOnExit(run);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("training run ended by itself (log: %s)", log).isTrue();
        assertThat(run.exitValue()).as("exit code (log: %s)", log).isZero();
        String output = Files.readString(log);
        assertThat(output).contains("clickstream stopped in");
        assertThat(output)
                .contains("org.apache.kafka.clients.consumer.KafkaConsumer source: shared objects file")
                .contains("org.apache.kafka.clients.producer.KafkaProducer source: shared objects file")
                .contains("org.apache.kafka.clients.admin.KafkaAdminClient source: shared objects file");
    }
}
