package dev.clickstream.rest;

import java.util.NoSuchElementException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.clickstream.pipeline.ProcessorPause;
import dev.clickstream.pipeline.ProcessorStatus;
import io.smallrye.mutiny.Uni;

/** Pauses and resumes the processor's consumer, to watch {@code analytics-group}'s lag grow and fall. */
@Path("/processor")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessorResource {

    @Inject
    ProcessorPause processor;

    @GET
    @Operation(summary = "Whether the processor's consumer is paused, and on which partitions of raw_events")
    public Uni<ProcessorStatus> status() {
        return processor.status();
    }

    @Operation(summary = "Pauses the processor's consumer: it stays in analytics-group but fetches nothing, so the "
            + "group's lag grows with every raw event")
    @POST
    @Path("/pause")
    public Uni<ProcessorStatus> pause() {
        return processor.pause();
    }

    @Operation(summary = "Resumes the processor's consumer at the offsets where it paused")
    @POST
    @Path("/resume")
    public Uni<ProcessorStatus> resume() {
        return processor.resume();
    }

    /** The processor's channel has no Kafka consumer yet. */
    @ServerExceptionMapper
    public Response notConnected(NoSuchElementException e) {
        return ProblemMappers.problem(Problem.of(503, "Processor not connected", e.getMessage()));
    }
}
