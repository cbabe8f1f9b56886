package dev.clickstream.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The processor's controls where its channel has no Kafka consumer (the in-memory connector here): a problem, not a
 * claim. Pausing a real consumer is checked on a broker by the guided tour ({@code tour/GuidedTourIT}).
 */
@QuarkusTest
class ProcessorResourceTest {

    @Test
    void answersServiceUnavailableProblemWithoutKafkaConsumer() {
        for (String path : new String[] { "/processor/pause", "/processor/resume" }) {
            given().post(path).then().statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("title", equalTo("Processor not connected"))
                    .body("detail", containsString("raw-events"));
        }
        given().get("/processor").then().statusCode(503).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void isInTheOpenApiDocument() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/processor/pause"))
                .body(containsString("/processor/resume"));
    }
}
