package dev.clickstream.rest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.clickstream.generator.GeneratorConfig;
import dev.clickstream.generator.GeneratorService;
import dev.clickstream.generator.GeneratorStatus;

/** Starts, stops and reports on the random event generator. */
@Path("/generator")
@Produces(MediaType.APPLICATION_JSON)
public class GeneratorResource {

    @Inject
    GeneratorService generator;

    @Inject
    GeneratorConfig config;

    @GET
    public GeneratorStatus status() {
        return generator.status();
    }

    /** Starts a run, replacing any current one; unset parameters take the configured values. */
    @POST
    @Path("/start")
    public GeneratorStatus start(@QueryParam("count") String count, @QueryParam("interval_ms") String intervalMs,
            @QueryParam("seed") String seed) {
        long runCount = count == null ? config.count() : parse("count", count, 0);
        Duration interval = intervalMs == null ? config.interval() : Duration.ofMillis(parse("interval_ms", intervalMs, 1));
        long runSeed = seed == null ? config.seed().orElseGet(ThreadLocalRandom.current()::nextLong)
                : parse("seed", seed, Long.MIN_VALUE);
        return generator.start(runCount, interval, runSeed);
    }

    @POST
    @Path("/stop")
    public GeneratorStatus stop() {
        return generator.stop();
    }

    private static long parse(String name, String value, long min) {
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(name, "must be a whole number of at least " + min);
    }
}
