package dev.clickstream.kafka;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Lets an idempotent channel leave retrying to its Kafka producer alone.
 * <p>
 * An outgoing channel's {@code retries} means two things: the connector re-sends a record whose send failed, and the
 * connector passes the same value to the producer as its own {@code retries}. An idempotent producer already retries
 * every transient failure itself, in order and without duplicates, until {@code delivery.timeout.ms}; a send fails
 * only once that has passed, and by then the connector's retry window, the same timeout counted from the same send,
 * has closed too. So the connector's retry does not fire, yet it wraps every record's send in a retry operator.
 * <p>
 * {@code retries=0} turns the connector's retry off, but an idempotent producer refuses it ("Must set retries to
 * non-zero"). For a channel with {@code retries=0} and {@code enable.idempotence=true}, this customizer therefore
 * leaves {@code retries} out of the producer's configuration: the producer keeps its default (retry until the
 * delivery timeout), the connector none.
 */
@ApplicationScoped
public class ProducerRetries implements ClientCustomizer<Map<String, Object>> {

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (config.containsKey(ProducerConfig.ACKS_CONFIG)
                && "0".equals(String.valueOf(config.get(ProducerConfig.RETRIES_CONFIG)))
                && "true".equals(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))) {
            config.remove(ProducerConfig.RETRIES_CONFIG);
            Log.debugf("Channel %s: the idempotent producer retries, the connector does not", channel);
        }
        return config;
    }
}
