package dev.clickstream.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.clickstream.publish.PublishConfig;
import dev.clickstream.publish.PublishFailedException;
import io.quarkus.logging.Log;

/** Answers every client error and every publish failure with an {@code application/problem+json} body. */
public class ProblemMappers {

    @Inject
    PublishConfig publishConfig;

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return problem(Problem.invalid(e.getMessage(), e.violations()));
    }

    @ServerExceptionMapper
    public Response tooLarge(BatchTooLargeException e) {
        return problem(Problem.of(413, "Batch too large", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e) {
        return problem(BodyTooLargeException.problem(e.max()));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return problem(Problem.of(400, "Malformed JSON", e.getOriginalMessage()));
    }

    /** Also JSON that Jackson reads past its end ({@code {...}{...}}); Quarkus's own mapper answers it with no body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response notPublished(PublishFailedException e) {
        Log.warnf("Answering 503: %s", e.getMessage());
        return Response.fromResponse(problem(Problem.of(503, "Events not acked by Kafka",
                "the broker did not ack every event in time; some may still arrive, retry with the same event_id")))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, publishConfig.retryAfter().toSeconds()))
                .build();
    }

    /** 404, 405, 406, 415 and the rest of JAX-RS's own client errors, with their status and a problem body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            Log.errorf(e, "Answering %d", status);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        return problem(Problem.of(status, original.getStatusInfo().getReasonPhrase(), e.getMessage()));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
