package dev.clickstream.pipeline;

import java.io.IOException;

import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickstream.model.InvalidEventException;
import dev.clickstream.model.RawEvent;
import dev.clickstream.model.RawEventRules;
import dev.clickstream.model.StrictJson;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The value deserializer of {@code raw-events}: parses the JSON as strictly as {@code POST /events} does
 * ({@link StrictJson}) and judges it by the same {@link RawEventRules}. A serde class of its own, not Quarkus's
 * generated one, so that every poison pill (bytes that are not JSON, JSON that is not a valid raw event) fails here,
 * in deserialization: the connector keeps the original bytes and the failure in the record's headers,
 * {@link PremiumEventProcessor} nacks the record, and the connector sends it to the dead-letter topic with those
 * bytes (not a re-serialized copy). This class counts it in {@link DeadLetterCounter}.
 */
@RegisterForReflection
public class RawEventDeserializer implements Deserializer<RawEvent> {

    @Override
    public RawEvent deserialize(String topic, byte[] data) {
        try {
            return read(data);
        } catch (UnprocessableEventException e) {
            countDeadLetter(e.reason());
            throw e;
        }
    }

    /** The raw event in a record's value, or why it is none. */
    static RawEvent read(byte[] data) {
        if (data == null) {
            throw new UnprocessableEventException(Reason.TOMBSTONE, "null value");
        }
        JsonNode json;
        try {
            json = StrictJson.parse(data);
        } catch (IOException e) {
            throw new UnprocessableEventException(Reason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        try {
            return RawEventRules.read(json);
        } catch (InvalidEventException e) {
            throw new UnprocessableEventException(Reason.INVALID_EVENT, e.getMessage());
        }
    }

    /** Kafka, not CDI, creates deserializers: reach the counter through the container, when there is one. */
    private static void countDeadLetter(Reason reason) {
        ArcContainer container = Arc.container();
        if (container != null) {
            container.instance(DeadLetterCounter.class).get().count(reason);
        }
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
