package dev.clickstream.faults;

/**
 * How many events a fault scenario sends: {@code -Dfaults.events=N}; small in {@code ./mvnw verify}, 50,000 with
 * {@code ./mvnw -Pfaults verify}.
 */
public final class FaultScale {

    private FaultScale() {
    }

    public static int events() {
        return Integer.getInteger("faults.events", 2_000);
    }
}
