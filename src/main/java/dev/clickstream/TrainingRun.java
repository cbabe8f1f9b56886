package dev.clickstream;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.vertx.core.Vertx;

/**
 * Ends a training run: with {@code clickstream.training.exit-after} set, the service exits that long after it
 * started. The build runs the packaged service once this way under {@code -XX:ArchiveClassesAtExit} (the
 * {@code class-data-archive} execution in the POM), so that the class-data archive holds the classes the channels
 * and the topic check load as they start, Kafka's clients among them, besides those of Quarkus's own start-up.
 */
@ApplicationScoped
class TrainingRun {

    @ConfigMapping(prefix = "clickstream.training")
    interface Config {

        /** Exit this long after start-up; unset (the default), the service runs until stopped. */
        Optional<Duration> exitAfter();
    }

    void exitWhenTrained(@Observes StartupEvent event, Config config, Vertx vertx) {
        config.exitAfter().ifPresent(delay -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> Quarkus.asyncExit()));
    }
}
