package dev.clickstream.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.clickstream.kafka.Channels;
import dev.clickstream.testing.JvmProcess;
import dev.clickstream.testing.ServiceProcess;

/**
 * One way of running the pipeline, each in its own JVM: the service as its packaged jar, a hand-written
 * kafka-clients loop ({@link PlainLoop}), a Kafka Streams application ({@link StreamsPipeline}); each as its users
 * first start it (no JVM option, the clients' own defaults) and tuned at its best. {@link #SERVICE_WATCHED} is the
 * packaged service with the console's overview stream read throughout, to show what an open console page costs.
 */
enum Contender {
    SERVICE_DEFAULT(Kind.SERVICE, false, "service, default"),
    SERVICE_WATCHED(Kind.SERVICE, false, "service, default, console open"),
    SERVICE_TUNED(Kind.SERVICE, true, "service, tuned"),
    LOOP_DEFAULT(Kind.LOOP, false, "loop, default"),
    LOOP_TUNED(Kind.LOOP, true, "loop, tuned"),
    STREAMS_DEFAULT(Kind.STREAMS, false, "Streams, default"),
    STREAMS_TUNED(Kind.STREAMS, true, "Streams, tuned");

    enum Kind {
        SERVICE, LOOP, STREAMS
    }

    final Kind kind;
    final boolean tuned;
    final String label;

    Contender(Kind kind, boolean tuned, String label) {
        this.kind = kind;
        this.tuned = tuned;
        this.label = label;
    }

    /** The topics and group one run of a contender uses. */
    record Wiring(String bootstrapServers, String input, String output, String group) {
    }

    /**
     * A started contender: its JVM, the service's HTTP address (null for the others), and for
     * {@link #SERVICE_WATCHED} the reader of the console stream.
     */
    record Running(JvmProcess jvm, URI service, OverviewWatcher watcher) implements AutoCloseable {

        @Override
        public void close() {
            if (watcher != null) {
                watcher.close();
            }
            jvm.close();
        }
    }

    /** Starts this contender, named {@code name} in the logs; the service is started and ready when this returns. */
    Running start(BenchSettings settings, String name, Wiring wiring, Path workDir) throws Exception {
        if (kind == Kind.SERVICE) {
            ServiceProcess service = tuned ? ServiceProcess.named(name) : ServiceProcess.asPackaged(name);
            if (tuned) {
                jvmOptions(settings.jvmOptions()).forEach(service::withJvmOption);
                jvmOptions(settings.serviceJvmOptions()).forEach(service::withJvmOption);
            }
            if (settings.jfr()) {
                service.withJvmOption("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + workDir.resolve(name + ".jfr").toAbsolutePath());
            }
            settings.profilerOptions(workDir, name).forEach(service::withJvmOption);
            serviceConfig(settings, wiring).forEach(service::withProperty);
            service.start();
            OverviewWatcher watcher = this == SERVICE_WATCHED
                    ? OverviewWatcher.open(service.url("/kafka/overview/stream"))
                    : null;
            return new Running(service.jvm(), URI.create(service.url("/")), watcher);
        }
        List<String> arguments = new ArrayList<>(List.of(wiring.bootstrapServers(), wiring.input(), wiring.output(),
                wiring.group()));
        if (tuned) {
            arguments.addAll(kind == Kind.LOOP ? settings.loopTuning() : settings.streamsTuning());
        }
        Class<?> main = kind == Kind.LOOP ? PlainLoop.class : StreamsPipeline.class;
        List<String> options = new ArrayList<>(tuned ? jvmOptions(settings.jvmOptions()) : List.of());
        options.addAll(settings.profilerOptions(workDir, name));
        JvmProcess jvm = JvmProcess.mainClass(main.getName(), JvmProcess.testClassPath(),
                        workDir.resolve(name + ".log"), arguments.toArray(String[]::new))
                .withJvmOptions(options)
                .withStopTimeout(Duration.ofSeconds(10))
                .start();
        return new Running(jvm, null, null);
    }

    /** How this contender is set up, for the report. */
    String setup(BenchSettings settings) {
        return switch (kind) {
            case SERVICE -> tuned
                    ? "`java -XX:SharedArchiveFile=app-cds.jsa " + settings.jvmOptions() + " "
                            + settings.serviceJvmOptions() + " -jar quarkus-run.jar`"
                            + (settings.serviceConfig().isEmpty() ? "" : ", " + settings.serviceConfig())
                    : "`java -jar quarkus-run.jar`, no JVM option, its application.properties"
                            + (this == SERVICE_WATCHED ? "; `GET /kafka/overview/stream` read throughout" : "");
            case LOOP -> tuned ? "`" + settings.jvmOptions() + "`, " + settings.loopTuning()
                    : "JVM defaults, kafka-clients defaults";
            case STREAMS -> tuned ? "`" + settings.jvmOptions() + "`, " + settings.streamsTuning()
                    : "JVM defaults, Kafka Streams defaults";
        };
    }

    /**
     * The service's configuration in a benchmark run: where to read and write (the view reads the output topic
     * too), in its own group, and for the tuned service the {@code bench.service-config} settings.
     */
    private Map<String, String> serviceConfig(BenchSettings settings, Wiring wiring) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", wiring.bootstrapServers());
        config.put("mp.messaging.incoming." + Channels.RAW_EVENTS + ".topic", wiring.input());
        config.put("mp.messaging.incoming." + Channels.RAW_EVENTS + ".group.id", wiring.group());
        config.put("mp.messaging.outgoing." + Channels.RAW_EVENTS_OUT + ".topic", wiring.input());
        config.put("mp.messaging.outgoing." + Channels.PROCESSED_EVENTS + ".topic", wiring.output());
        config.put("mp.messaging.incoming." + Channels.PROCESSED_EVENTS_IN + ".topic", wiring.output());
        if (tuned) {
            config.putAll(ClientSettings.entries(settings.serviceConfig()));
        }
        return config;
    }

    static List<String> jvmOptions(String options) {
        return Arrays.stream(options.split("\\s+")).filter(option -> !option.isBlank()).toList();
    }
}
