package dev.clickstream.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** With the channels in memory there is no broker whose partitions could block writes: ready. */
@QuarkusTest
class ReadinessInMemoryTest {

    @Test
    void isReadyWithThePartitionsCheckUpAndSayingThereIsNoBroker() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == '" + WritablePartitionsCheck.NAME + "' }.status", is("UP"))
                .body("checks.find { it.name == '" + WritablePartitionsCheck.NAME + "' }.data.channels",
                        startsWith("smallrye-in-memory"))
                .body("checks.name", hasItem(WritablePartitionsCheck.NAME));
    }
}
