package dev.clickstream.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/** The settings each Kafka producer of the service started with, read back from the {@code ProducerConfig} log lines. */
final class ProducerSettings {

    private ProducerSettings() {
    }

    /**
     * Each producer's settings by {@code client.id}, from the blocks Kafka logs at INFO when a producer is created:
     * a line ending in {@code ProducerConfig values:}, then one tab-indented {@code key = value} line per setting.
     */
    static Map<String, Map<String, String>> fromLog(String log) {
        Map<String, Map<String, String>> producers = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : log.split("\\R")) {
            if (line.contains("ProducerConfig values:")) {
                current = new LinkedHashMap<>();
            } else if (current != null && line.startsWith("\t") && line.contains(" = ")) {
                String[] setting = line.strip().split(" = ", 2);
                current.put(setting[0], setting[1]);
            } else if (current != null) {
                producers.put(current.get("client.id"), current);
                current = null;
            }
        }
        if (current != null) {
            producers.put(current.get("client.id"), current);
        }
        return producers;
    }
}
