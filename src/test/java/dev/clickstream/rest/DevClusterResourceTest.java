package dev.clickstream.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Outside dev mode there is no dev cluster, so the console page offers no broker to stop, and has nothing to call. */
@QuarkusTest
class DevClusterResourceTest {

    @Test
    void saysNoDevBrokerOutsideDevModeAndTheBrokersControlsDoNotExist() {
        given().when().get("/kafka/dev-cluster").then().statusCode(200).body("brokers", is(0));
        given().when().get("/dev/brokers").then().statusCode(404);
    }
}
