package dev.clickstream.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.clickstream.model.ProcessedEvent;

/**
 * A processed event with where Kafka stored it: partition, offset, key and record timestamp (epoch ms). Records
 * that did not come from Kafka (in-memory channels) have partition and offset -1.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProcessedRecord(int partition, long offset, String key, long timestamp, ProcessedEvent value) {

    static ProcessedRecord withoutMetadata(ProcessedEvent event) {
        return new ProcessedRecord(-1, -1, null, event.timestampProcessed(), event);
    }
}
