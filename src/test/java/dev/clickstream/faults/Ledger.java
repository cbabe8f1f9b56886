package dev.clickstream.faults;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a scenario sent and what the broker acked, by {@code event_id}. Ids are {@code <scenario>-<n>}; two events
 * in three are premium, spread over 97 users.
 */
public final class Ledger {

    private final String scenario;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();

    public Ledger(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    public String id(int n) {
        return scenario + "-" + n;
    }

    public static boolean premium(int n) {
        return n % 3 != 0;
    }

    public static String user(int n) {
        return "user-" + (n % 97);
    }

    public boolean isPremium(String id) {
        return premium(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
    }

    public boolean owns(String id) {
        return id != null && id.startsWith(scenario + "-");
    }

    public void sent(String id) {
        sent.add(id);
    }

    public void acked(String id) {
        acked.add(id);
    }

    public Set<String> sent() {
        return Set.copyOf(sent);
    }

    public Set<String> acked() {
        return Set.copyOf(acked);
    }

    public int ackedCount() {
        return acked.size();
    }
}
