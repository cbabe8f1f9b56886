package dev.clickstream.console;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.clickstream.kafka.TopicsConfig;
import dev.clickstream.rest.InvalidRequestException;
import dev.clickstream.view.ProcessedEventsView;
import dev.clickstream.view.ProcessedRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The data of the console page: the Kafka overview, the feed of processed records, and where a key goes. */
@Path("/kafka")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    @Inject
    KafkaConsole console;

    @Inject
    ProcessedEventsView view;

    @Inject
    ConsoleConfig config;

    @Inject
    TopicsConfig topicsConfig;

    @GET
    @Path("/overview")
    @Operation(summary = "Topics, partitions, consumer groups and their lag, kept and dropped counts, throughput",
            description = "From a cache refreshed at most every clickstream.console.refresh while someone reads it. "
                    + "When the broker cannot be reached, broker.reachable is false and the rest is the last good "
                    + "snapshot, taken at broker.last_good_at.")
    public Uni<KafkaOverview> overview() {
        return Uni.createFrom().completionStage(console::overview);
    }

    @GET
    @Path("/overview/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The current overview, then each new one as Server-Sent Events")
    public Multi<KafkaOverview> overviews() {
        return console.overviews();
    }

    @GET
    @Path("/feed")
    @Operation(summary = "The newest processed records with partition, offset, key and timestamp, newest first")
    public List<ProcessedRecord> feed() {
        return view.newestRecords(config.feedSize());
    }

    @GET
    @Path("/feed/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Each processed record as it is read from processed_events, as Server-Sent Events")
    public Multi<ProcessedRecord> feedStream() {
        return view.liveRecords();
    }

    @GET
    @Path("/partition")
    @Operation(summary = "The raw_events partition a key goes to, by Kafka's murmur2 partitioner")
    public Uni<PartitionPreview> partition(@QueryParam("key") String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidRequestException("key", "must not be empty");
        }
        String topic = console.rawTopic();
        return Uni.createFrom().completionStage(console::overview).map(overview -> overview.topics().stream()
                .filter(t -> t.name().equals(topic)).findFirst()
                .map(KafkaOverview.Topic::partitionCount)
                // Not described yet (no broker so far): the declared count, which the topic is created with.
                .orElseGet(() -> topicsConfig.topics().get(topic).partitions()))
                .map(partitions -> PartitionPreview.of(topic, key, partitions));
    }
}
