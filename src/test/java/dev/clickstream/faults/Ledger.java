package dev.clickstream.faults;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a scenario sent and what the broker acked, by {@code event_id}. Ids are {@code <scenario>-<n>}; two events
 * in three are premium, spread over 97 users.
 */
final class Ledger {

    private final String scenario;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();

    Ledger(String scenario) {
        this.scenario = scenario;
    }

    String scenario() {
        return scenario;
    }

    String id(int n) {
        return scenario + "-" + n;
    }

    static boolean premium(int n) {
        return n % 3 != 0;
    }

    static String user(int n) {
        return "user-" + (n % 97);
    }

    boolean isPremium(String id) {
        return premium(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
    }

    boolean owns(String id) {
        return id != null && id.startsWith(scenario + "-");
    }

    void sent(String id) {
        sent.add(id);
    }

    void acked(String id) {
        acked.add(id);
    }

    Set<String> sent() {
        return Set.copyOf(sent);
    }

    Set<String> acked() {
        return Set.copyOf(acked);
    }

    int ackedCount() {
        return acked.size();
    }
}
