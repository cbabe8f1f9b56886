package dev.clickstream.rest;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.publish.PublishedEvent;
import dev.clickstream.publish.RawEventPublisher;
import dev.clickstream.view.ProcessedEventsView;
import dev.clickstream.view.ViewConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** {@code POST /events} publishes raw events; {@code GET /events/processed} shows the newest processed ones. */
@Path("/events")
public class EventResource {

    @Inject
    EventBodyReader reader;

    @Inject
    RawEventPublisher publisher;

    @Inject
    ProcessedEventsView view;

    @Inject
    ViewConfig viewConfig;

    /** The answer to a publish: how many events the broker acked, and where each one went. */
    public record Accepted(@JsonProperty("accepted") int accepted, @JsonProperty("events") List<PublishedEvent> events) {
    }

    /** One event or an array of them; answers 202 once the broker acked every one. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            oneOf = { RawEvent.class, RawEvent[].class })))
    public Uni<Accepted> publish(byte[] body) throws IOException {
        return publisher.publishAll(reader.read(body)).map(published -> new Accepted(published.size(), published));
    }

    @GET
    @Path("/processed")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ProcessedEvent> processed(@QueryParam("limit") String limit) {
        return view.newest(parseLimit(limit));
    }

    @GET
    @Path("/processed/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ProcessedEvent> stream() {
        return view.live();
    }

    private int parseLimit(String limit) {
        if (limit == null) {
            return Math.min(viewConfig.defaultLimit(), view.capacity());
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= view.capacity()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + view.capacity());
    }
}
