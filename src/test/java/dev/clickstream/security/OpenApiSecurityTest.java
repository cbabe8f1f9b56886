package dev.clickstream.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /q/openapi} declares how callers authenticate and which role each write needs; reads need none. */
@QuarkusTest
class OpenApiSecurityTest {

    private JsonPath document;

    @BeforeEach
    void readDocument() {
        document = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void declaresHttpBasicAndBearerJwtSchemes() {
        assertThat(document.getMap("components.securitySchemes.basic")).containsEntry("type", "http")
                .containsEntry("scheme", "basic");
        assertThat(document.getMap("components.securitySchemes.bearer")).containsEntry("type", "http")
                .containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
    }

    @Test
    void publishingNeedsThePublisherRoleByEitherScheme() {
        assertRoleNeeded("/events", "post", "publisher");
    }

    @Test
    void generatorControlsNeedTheOperatorRole() {
        assertRoleNeeded("/generator/start", "post", "operator");
        assertRoleNeeded("/generator/stop", "post", "operator");
    }

    @Test
    void readsDeclareNoSecurity() {
        for (String path : List.of("/events/processed", "/generator", "/kafka/overview")) {
            assertThat(document.getList("paths.'" + path + "'.get.security")).as(path).isNull();
        }
        assertThat(document.getList("security")).as("document-wide requirement").isNull();
    }

    private void assertRoleNeeded(String path, String method, String role) {
        String operation = "paths.'" + path + "'." + method;
        List<Map<String, List<String>>> security = document.getList(operation + ".security");
        assertThat(security).as(operation).containsExactlyInAnyOrder(Map.of("basic", List.of(role)),
                Map.of("bearer", List.of(role)));
        assertThat(document.getMap(operation + ".responses")).as(operation).containsKeys("401", "403");
    }
}
