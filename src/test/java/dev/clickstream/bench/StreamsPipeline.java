package dev.clickstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.PremiumEvents;

/**
 * A contender run in its own JVM: the pipeline as a Kafka Streams topology,
 * {@code stream().filter().processValues().to()}, at least once. {@code processValues} stands in for
 * {@code mapValues} because the transform needs the record timestamp, which a value mapper cannot see.
 * Arguments: bootstrap servers, input topic, output topic, application id, then any {@code StreamsConfig} settings
 * as {@code key=value} (prefixed client settings such as {@code producer.linger.ms} included).
 */
public final class StreamsPipeline {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StreamsPipeline() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrapServers = args[0];
        String input = args[1];
        String output = args[2];
        String applicationId = args[3];
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), json(RawEvent.class)))
                .filter((user, raw) -> PremiumEvents.problemOf(raw).isEmpty() && PremiumEvents.isKept(raw))
                .processValues(Transform::new)
                .to(output, Produced.with(Serdes.String(), json(ProcessedEvent.class)));
        KafkaStreams streams = new KafkaStreams(builder.build(), config(bootstrapServers, applicationId,
                List.of(args).subList(4, args.length)));
        CountDownLatch failed = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                failed.countDown();
            }
        });
        streams.start();
        failed.await();
        System.exit(1);
    }

    private static Properties config(String bootstrapServers, String applicationId, List<String> tuning) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-streams").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        config.putAll(ClientSettings.entries(tuning));
        return config;
    }

    private static <T> Serde<T> json(Class<T> type) {
        return Serdes.serdeFrom((topic, value) -> {
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, (topic, bytes) -> {
            try {
                return bytes == null ? null : MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The transform, given the record's timestamp. */
    private static final class Transform implements FixedKeyProcessor<String, RawEvent, ProcessedEvent> {

        private FixedKeyProcessorContext<String, ProcessedEvent> context;

        @Override
        public void init(FixedKeyProcessorContext<String, ProcessedEvent> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, RawEvent> record) {
            context.forward(record.withValue(PremiumEvents.transform(record.value(), record.timestamp())));
        }
    }
}
