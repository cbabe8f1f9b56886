package dev.clickstream.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.rest.Problem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request that Quarkus security refused (no or bad credentials: 401 with the authentication mechanisms'
 * {@code WWW-Authenticate} challenge; a caller without the needed role: 403) with an {@code application/problem+json}
 * body, as every other error. Quarkus decides; this only writes the answer, which Quarkus would otherwise send empty.
 */
@ApplicationScoped
public class AuthProblems {

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        // Security refuses a request before it reaches JAX-RS, so REST's exception mappers never see it.
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().ended() || context.response().headWritten()) {
            context.next();
        } else if (failure instanceof ForbiddenException) {
            send(context, new ChallengeData(403), "Forbidden", "the caller does not have the role this request needs");
        } else if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException
                || failure instanceof UnauthorizedException) {
            HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
            if (authenticator == null) {
                send(context, new ChallengeData(401), "Unauthorized", detail(failure));
                return;
            }
            authenticator.getChallenge(context).subscribe().with(
                    challenge -> send(context, challenge == null ? new ChallengeData(401) : challenge, "Unauthorized",
                            detail(failure)),
                    error -> send(context, new ChallengeData(401), "Unauthorized", detail(failure)));
        } else {
            context.next();
        }
    }

    /** Says what was missing or refused, never what the credential was. */
    private static String detail(Throwable failure) {
        return failure instanceof UnauthorizedException
                ? "this request needs credentials: HTTP Basic or a bearer token"
                : "the credentials were not accepted";
    }

    private void send(RoutingContext context, ChallengeData challenge, String title, String detail) {
        int status = challenge.status == 401 || challenge.status == 403 ? challenge.status : 401;
        String body;
        try {
            body = json.writeValueAsString(Problem.of(status, title, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = context.response().setStatusCode(status);
        challenge.getHeaders().forEach((name, value) -> response.headers().add(name, value));
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
