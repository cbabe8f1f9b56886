package dev.clickstream.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.TestDirs;

/**
 * Starts a {@link BrokerProcess} for a scenario. Its ports are free when chosen, but on a machine where other builds
 * run, another process can take one before the broker binds it: then a new broker with new ports is tried.
 */
final class Brokers {

    private static final int ATTEMPTS = 3;

    private Brokers() {
    }

    static BrokerProcess start(String name) {
        for (int attempt = 1;; attempt++) {
            BrokerProcess broker = BrokerProcess.in(TestDirs.fresh("kafka-brokers", name));
            try {
                return broker.start();
            } catch (TerminalFailureException | ConditionTimeoutException e) {
                broker.close();
                if (attempt == ATTEMPTS || !portTaken(broker)) {
                    throw e;
                }
            }
        }
    }

    private static boolean portTaken(BrokerProcess broker) {
        try {
            return Files.readString(broker.logFile()).contains("Address already in use");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
