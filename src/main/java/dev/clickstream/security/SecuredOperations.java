package dev.clickstream.security;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes into the OpenAPI document ({@code /q/openapi}) how callers authenticate (the {@code basic} and {@code bearer}
 * JWT schemes) and which role each write needs: the same paths as the {@code publish} and {@code operate} HTTP
 * permissions in {@code application.properties}. A filter on paths rather than annotations on methods, as the
 * permissions are, so an endpoint added under {@code /generator/} or {@code /dev/} is documented as they cover it.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecuredOperations implements OASFilter {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    /** A path prefix (or a whole path), and the role each of its operations needs. */
    record Rule(String path, boolean prefix, String role) {
        boolean covers(String candidate) {
            return prefix ? candidate.startsWith(path) : candidate.equals(path);
        }
    }

    static final List<Rule> RULES = List.of(new Rule("/events", false, "publisher"),
            new Rule("/generator/", true, "operator"), new Rule("/dev/", true, "operator"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(BASIC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("HTTP Basic, users of the embedded identity store; roles from their configuration"))
                .addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT")
                        .description("A JWT signed by the configured issuer, audience clickstream; roles from its groups claim"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> RULES.stream().filter(rule -> rule.covers(path))
                .findFirst().ifPresent(rule -> secure(item, rule.role())));
    }

    /** Every operation of a covered path needs the role, whatever its method, as the permission says. */
    private static void secure(PathItem item, String role) {
        for (Operation operation : item.getOperations().values()) {
            // OpenAPI 3.1 lets the list of an http scheme's requirement name roles, as it names an OAuth2 flow's scopes.
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BASIC, role))
                    .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER, role));
            operation.getResponses()
                    .addAPIResponse("401", OASFactory.createAPIResponse()
                            .description("no credentials, or credentials not accepted (application/problem+json)"))
                    .addAPIResponse("403", OASFactory.createAPIResponse()
                            .description("the caller lacks the role " + role + " (application/problem+json)"));
            String note = "Needs the role " + role + " (unless clickstream.security.enabled=false).";
            operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + " " + note);
        }
    }
}
