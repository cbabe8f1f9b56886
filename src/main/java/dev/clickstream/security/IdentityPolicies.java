package dev.clickstream.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP security policies that {@code quarkus.http.auth.permission.*.policy} names: {@code publisher},
 * {@code operator} and {@code reads}. They differ from Quarkus' built-in {@code roles-allowed} and {@code authenticated}
 * policies in one way: an anonymous caller is refused by failing with {@link UnauthorizedException}, which reaches
 * {@link AuthProblems} and gets a problem+json 401 with the challenge; the built-in ones answer it with an empty body.
 * A caller without the role is denied, which Quarkus turns into a 403 (also answered by {@link AuthProblems}).
 */
public final class IdentityPolicies {

    private IdentityPolicies() {
    }

    /** {@code publisher}: an authenticated caller with the role {@code publisher}. */
    @ApplicationScoped
    public static class Publisher extends RoleRequired {
        public Publisher() {
            super("publisher");
        }
    }

    /** {@code operator}: an authenticated caller with the role {@code operator}. */
    @ApplicationScoped
    public static class Operator extends RoleRequired {
        public Operator() {
            super("operator");
        }
    }

    /** A policy named after the one role it requires. */
    abstract static class RoleRequired implements HttpSecurityPolicy {

        private final String role;

        RoleRequired(String role) {
            this.role = role;
        }

        @Override
        public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                AuthorizationRequestContext context) {
            return requireRole(identity, role);
        }

        @Override
        public String name() {
            return role;
        }
    }

    /** {@code reads}: open, or, with {@code clickstream.security.protect-reads=true}, any authenticated caller. */
    @ApplicationScoped
    public static class Reads implements HttpSecurityPolicy {

        @Inject
        SecurityConfig config;

        @Override
        public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                AuthorizationRequestContext context) {
            return config.protectReads() ? requireRole(identity, null) : CheckResult.permit();
        }

        @Override
        public String name() {
            return "reads";
        }
    }

    /** Anonymous: 401; authenticated without {@code role} (null: any caller will do): deny, so 403. */
    static Uni<HttpSecurityPolicy.CheckResult> requireRole(Uni<SecurityIdentity> identity, String role) {
        return identity.onItem().transformToUni(caller -> {
            if (caller.isAnonymous()) {
                return Uni.createFrom().failure(new UnauthorizedException());
            }
            return role == null || caller.hasRole(role) ? HttpSecurityPolicy.CheckResult.permit()
                    : HttpSecurityPolicy.CheckResult.deny();
        });
    }
}
