package dev.clickstream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.PremiumEvents;

/**
 * A contender run in its own JVM: the pipeline as a hand-written kafka-clients loop. Each poll's kept events are
 * sent, the producer flushed, and only then the poll's offsets committed (at least once, as the service). It runs
 * until its process is stopped. Arguments: bootstrap servers, input topic, output topic, group, then any client
 * settings as {@code consumer.<key>=<value>} or {@code producer.<key>=<value>}.
 */
public final class PlainLoop {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlainLoop() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrapServers = args[0];
        String input = args[1];
        String output = args[2];
        String group = args[3];
        List<String> tuning = List.of(args).subList(4, args.length);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                ClientSettings.consumer(bootstrapServers, group, ClientSettings.prefixed("consumer.", tuning)),
                new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ClientSettings.producer(bootstrapServers, ClientSettings.prefixed("producer.", tuning)),
                new StringSerializer(), new ByteArraySerializer());
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        try (consumer; producer) {
            consumer.subscribe(List.of(input));
            while (sendFailure.get() == null) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    RawEvent raw = record.value() == null ? null : MAPPER.readValue(record.value(), RawEvent.class);
                    if (PremiumEvents.problemOf(raw).isEmpty() && PremiumEvents.isKept(raw)) {
                        byte[] value = MAPPER.writeValueAsBytes(PremiumEvents.transform(raw, record.timestamp()));
                        producer.send(new ProducerRecord<>(output, raw.user(), value), (metadata, failure) -> {
                            if (failure != null) {
                                sendFailure.compareAndSet(null, failure);
                            }
                        });
                    }
                    next.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                producer.flush();
                if (sendFailure.get() == null) {
                    consumer.commitSync(next);
                }
            }
            throw sendFailure.get();
        }
    }
}
