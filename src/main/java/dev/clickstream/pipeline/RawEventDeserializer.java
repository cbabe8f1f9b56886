package dev.clickstream.pipeline;

import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The value deserializer of {@code raw-events}: Quarkus's Jackson deserializer, plus the checks that make a
 * record a raw event. Quarkus would generate the Jackson part alone; this class exists so that every poison pill
 * (bytes that are not JSON, JSON that is not a raw event) fails here, in deserialization: the connector keeps the
 * original bytes and the failure in the record's headers, {@link PremiumEventProcessor} nacks the record, and the
 * connector sends it to the dead-letter topic with those bytes (not a re-serialized copy). This class counts it in
 * {@link DeadLetterCounter}.
 */
@RegisterForReflection
public class RawEventDeserializer extends ObjectMapperDeserializer<RawEvent> {

    public RawEventDeserializer() {
        super(RawEvent.class);
    }

    @Override
    public RawEvent deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    @Override
    public RawEvent deserialize(String topic, byte[] data) {
        try {
            return read(topic, data);
        } catch (UnprocessableEventException e) {
            countDeadLetter(e.reason());
            throw e;
        }
    }

    private RawEvent read(String topic, byte[] data) {
        if (data == null) {
            throw new UnprocessableEventException(Reason.TOMBSTONE, "null value");
        }
        RawEvent event;
        try {
            event = super.deserialize(topic, data);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            Reason reason = cause instanceof MismatchedInputException ? Reason.INVALID_EVENT : Reason.MALFORMED_JSON;
            throw new UnprocessableEventException(reason, firstLine(cause.getMessage()));
        }
        if (event == null) {
            throw new UnprocessableEventException(Reason.INVALID_EVENT, "JSON null");
        }
        PremiumEvents.problemOf(event).ifPresent(problem -> {
            throw new UnprocessableEventException(Reason.INVALID_EVENT, problem);
        });
        return event;
    }

    /** Kafka, not CDI, creates deserializers: reach the counter through the container, when there is one. */
    private static void countDeadLetter(Reason reason) {
        ArcContainer container = Arc.container();
        if (container != null) {
            container.instance(DeadLetterCounter.class).get().count(reason);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
