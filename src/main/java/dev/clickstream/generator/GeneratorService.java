package dev.clickstream.generator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.clickstream.publish.RawEventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Publishes random events to {@code raw-events-out} through {@link RawEventPublisher}, one every interval, until
 * its count is reached or it is stopped. Starts with the application when {@code clickstream.generator.enabled}.
 */
@ApplicationScoped
public class GeneratorService {

    @Inject
    GeneratorConfig config;

    @Inject
    RawEventPublisher publisher;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Run last;
    private boolean running;

    private record Run(long count, Duration interval, long seed, Cancellable subscription, EventGenerator generator) {
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start(config.count(), config.interval(), config.seed().orElseGet(ThreadLocalRandom.current()::nextLong));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts a new run, replacing the current one; counters start again from zero. */
    public synchronized GeneratorStatus start(long count, Duration interval, long seed) {
        if (count < 0 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("count must be >= 0 and interval > 0");
        }
        stop();
        sent.set(0);
        failed.set(0);
        EventGenerator generator = new EventGenerator(seed);
        Multi<Long> ticks = Multi.createFrom().ticks().every(interval)
                .onOverflow().drop();
        Cancellable subscription = (count == 0 ? ticks : ticks.select().first(count))
                .map(tick -> generator.next())
                .onItem().transformToUniAndMerge(e -> publisher.publish(e)
                        .invoke(() -> sent.incrementAndGet())
                        .onFailure().invoke(failure -> {
                            failed.incrementAndGet();
                            Log.warnf("Generator could not publish event %s: %s", e.eventId(), failure.getMessage());
                        })
                        .onFailure().recoverWithNull())
                .subscribe().with(ignored -> {
                }, failure -> Log.errorf(failure, "Generator stopped on an error"), () -> finished(generator));
        last = new Run(count, interval, seed, subscription, generator);
        running = true;
        Log.infof("Generator started: %s events every %d ms, seed %d", count == 0 ? "unbounded" : count,
                interval.toMillis(), seed);
        return status();
    }

    public synchronized GeneratorStatus stop() {
        if (running) {
            last.subscription().cancel();
            running = false;
            Log.infof("Generator stopped after %d events sent, %d failed", sent.get(), failed.get());
        }
        return status();
    }

    public synchronized GeneratorStatus status() {
        if (last == null) {
            return new GeneratorStatus(false, config.count(), config.interval().toMillis(), null, 0, 0);
        }
        return new GeneratorStatus(running, last.count(), last.interval().toMillis(), last.seed(), sent.get(),
                failed.get());
    }

    private synchronized void finished(EventGenerator generator) {
        if (running && last.generator() == generator) {
            running = false;
            Log.infof("Generator finished: %d events sent, %d failed", sent.get(), failed.get());
        }
    }
}
