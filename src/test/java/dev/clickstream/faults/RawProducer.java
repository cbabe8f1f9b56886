package dev.clickstream.faults;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.clickstream.testing.EventsJson;

/** Writes straight into a topic, as another producer would: events of a {@link Ledger}, or any bytes at all. */
public final class RawProducer implements AutoCloseable {

    public static final String RAW_EVENTS = "raw_events";

    private final KafkaProducer<String, byte[]> producer;

    public RawProducer(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Events {@code from} to {@code to - 1} of the ledger, keyed by user; returns once each one is acked. */
    public void produce(Ledger ledger, int from, int to) {
        for (int n = from; n < to; n++) {
            String id = ledger.id(n);
            ledger.sent(id);
            String json = EventsJson.raw(Ledger.user(n), Ledger.premium(n), "click", id);
            producer.send(new ProducerRecord<>(RAW_EVENTS, Ledger.user(n), json.getBytes()), (metadata, failure) -> {
                if (failure == null) {
                    ledger.acked(id);
                }
            });
        }
        producer.flush();
    }

    /** One record of any value (null for a tombstone); returns its offset once acked. */
    public long produceBytes(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(RAW_EVENTS, key, value)).get().offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("not acked: " + key, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
