package dev.clickstream.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request without a {@code Content-Type} to a method that consumes a body, with a 415 problem: JAX-RS would
 * otherwise read such a body as if it were the declared type and publish it.
 */
public class ContentTypeRequired {

    @ServerRequestFilter
    public Response requireContentType(ContainerRequestContext request, ResourceInfo resource) {
        Consumes consumes = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes != null && request.getMediaType() == null) {
            return ProblemMappers.problem(Problem.of(415, "Unsupported Media Type",
                    "a request body needs a Content-Type, one of " + String.join(", ", consumes.value())));
        }
        return null;
    }
}
