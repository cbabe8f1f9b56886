package dev.clickstream.rest;

import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.clickstream.kafka.DevKafkaBroker;

/**
 * {@code GET /kafka/dev-cluster}: how many dev brokers the console page may offer to stop and start
 * ({@code /dev/brokers}), 0 outside dev mode or without a dev cluster. In every mode, so that the page asks a path
 * that exists instead of one that answers 404 (or 401 with security on) in a packaged service.
 */
@Path("/kafka/dev-cluster")
@Produces(MediaType.APPLICATION_JSON)
public class DevClusterResource {

    @Inject
    Instance<DevKafkaBroker> devKafka;

    @GET
    public Map<String, Integer> devCluster() {
        return Map.of("brokers", devKafka.isResolvable() ? devKafka.get().stoppableBrokers() : 0);
    }
}
