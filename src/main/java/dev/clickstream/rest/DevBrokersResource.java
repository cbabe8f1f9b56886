package dev.clickstream.rest;

import java.util.List;
import java.util.NoSuchElementException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.clickstream.kafka.DevBrokerStatus;
import dev.clickstream.kafka.DevKafkaBroker;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Dev mode only: the dev cluster's brokers, and stopping and starting one of them, to watch leaders move and
 * in-sync replicas shrink and grow back while the pipeline goes on.
 */
@IfBuildProfile("dev")
@Path("/dev/brokers")
@Produces(MediaType.APPLICATION_JSON)
public class DevBrokersResource {

    @Inject
    DevKafkaBroker devKafka;

    @GET
    public List<DevBrokerStatus> brokers() {
        return devKafka.brokers();
    }

    /** Stops a broker as a SIGTERM would (its leaderships move first); answers with every broker's status. */
    @POST
    @Path("/{id}/stop")
    public List<DevBrokerStatus> stop(@PathParam("id") int id) {
        devKafka.stopBroker(id);
        return devKafka.brokers();
    }

    /** Starts a stopped broker again; it catches up and rejoins the in-sync replicas. */
    @POST
    @Path("/{id}/start")
    public List<DevBrokerStatus> start(@PathParam("id") int id) {
        devKafka.startBroker(id);
        return devKafka.brokers();
    }

    /** No dev cluster in this JVM (the service uses another broker), or no such broker. */
    @ServerExceptionMapper
    public Response notFound(NoSuchElementException e) {
        return ProblemMappers.problem(Problem.of(404, "No such dev broker", e.getMessage()));
    }
}
