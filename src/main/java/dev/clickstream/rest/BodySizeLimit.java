package dev.clickstream.rest;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.clickstream.publish.PublishConfig;

/**
 * Refuses a body over {@code clickstream.publish.max-body-size} from its {@code Content-Length}, before reading it,
 * with a problem like every other client error (the HTTP layer's own, larger cap answers with an empty 413).
 */
public class BodySizeLimit {

    // A Provider: filters are created at static init, before runtime configuration exists.
    @Inject
    Provider<PublishConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response limitBodySize(ContainerRequestContext request) {
        long max = config.get().maxBodySize().asLongValue();
        if (request.getLength() > max) {
            return ProblemMappers.problem(Problem.of(413, "Body too large",
                    "a request body may hold at most " + max + " bytes"));
        }
        return null;
    }
}
