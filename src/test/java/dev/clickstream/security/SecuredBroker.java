package dev.clickstream.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import dev.clickstream.kafka.KRaftNodes;
import dev.clickstream.testing.FreePorts;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node KRaft broker in the test JVM that only speaks TLS: a {@code SASL_SSL} listener (SCRAM-SHA-512) and an
 * {@code SSL} listener that requires a client certificate, both with a certificate made at start with the JDK's
 * {@code keytool}. {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: only the ACLs a test
 * grants apply. The super users are the test's {@code admin} and the broker itself (its certificate, on the mutual-TLS
 * controller listener). SCRAM users are created by the storage format step, as {@code kafka-storage format --add-scram}.
 */
final class SecuredBroker implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-pw-" + Uuid.randomUuid();
    /** The principal of a client presenting the service's certificate on the SSL listener. */
    static final String SERVICE_CERTIFICATE_PRINCIPAL = "User:CN=" + Tls.SERVICE_CN;

    final Tls tls;
    private final int saslPort = FreePorts.next();
    private final int sslPort = FreePorts.next();
    private final KafkaRaftServer server;

    /** Starts the broker with the SCRAM users {@code name -> password} besides {@link #ADMIN}. */
    SecuredBroker(Path dir, Map<String, String> scramUsers) {
        tls = Tls.in(dir.resolve("tls"));
        int controllerPort = FreePorts.next();
        Properties props = KRaftNodes.config(saslPort, controllerPort, dir.resolve("data"));
        props.put("listeners", "SASL_SSL://localhost:" + saslPort + ",SSL://localhost:" + sslPort
                + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "SASL_SSL://localhost:" + saslPort + ",SSL://localhost:" + sslPort);
        props.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:SSL");
        props.put("inter.broker.listener.name", "SASL_SSL");
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", scramJaas(ADMIN, ADMIN_PASSWORD));
        props.put("ssl.keystore.location", tls.brokerKeystore.toString());
        props.put("ssl.keystore.password", Tls.STORE_PASSWORD);
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.truststore.location", tls.truststore.toString());
        props.put("ssl.truststore.password", Tls.STORE_PASSWORD);
        props.put("ssl.truststore.type", "PKCS12");
        props.put("listener.name.ssl.ssl.client.auth", "required");
        props.put("listener.name.controller.ssl.client.auth", "required");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("super.users", "User:" + ADMIN + ";User:CN=" + Tls.BROKER_CN);
        props.put("offsets.topic.num.partitions", "3");
        format(props, scramUsers);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    String saslSslBootstrap() {
        return "localhost:" + saslPort;
    }

    String sslBootstrap() {
        return "localhost:" + sslPort;
    }

    /** Client settings for {@code user} over SASL_SSL, as Kafka names them. */
    Map<String, Object> saslClient(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslSslBootstrap());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password));
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.truststore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, Tls.STORE_PASSWORD);
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        return config;
    }

    Map<String, Object> adminClient() {
        return saslClient(ADMIN, ADMIN_PASSWORD);
    }

    /** The same settings as the service's {@code kafka.*} configuration. */
    static Map<String, String> asServiceConfig(Map<String, Object> client) {
        Map<String, String> config = new HashMap<>();
        client.forEach((key, value) -> config.put("kafka." + key, String.valueOf(value)));
        return config;
    }

    /** Client settings for the service's certificate over SSL (mutual TLS). */
    Map<String, Object> sslClient() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, sslBootstrap());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.truststore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, Tls.STORE_PASSWORD);
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, tls.serviceKeystore.toString());
        config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, Tls.STORE_PASSWORD);
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        return config;
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void format(Properties props, Map<String, String> scramUsers) {
        List<String> scram = new ArrayList<>();
        scram.add("SCRAM-SHA-512=[name=" + ADMIN + ",password=" + ADMIN_PASSWORD + "]");
        scramUsers.forEach((name, password) -> scram.add("SCRAM-SHA-512=[name=" + name + ",password=" + password + "]"));
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        Formatter formatter = new Formatter()
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setScramArguments(scram);
        formatter.addDirectory(props.getProperty("log.dirs"));
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the secured broker's storage", e);
        }
    }

    /** Key and trust stores made with the JDK's keytool: a self-signed certificate each for the broker and the service. */
    static final class Tls {

        static final String STORE_PASSWORD = "store-pw-" + Uuid.randomUuid();
        static final String BROKER_CN = "localhost";
        static final String SERVICE_CN = "clickstream";

        final Path brokerKeystore;
        final Path serviceKeystore;
        final Path truststore;

        private Tls(Path dir) {
            brokerKeystore = dir.resolve("broker.p12");
            serviceKeystore = dir.resolve("service.p12");
            truststore = dir.resolve("truststore.p12");
        }

        static Tls in(Path dir) {
            Tls tls = new Tls(dir);
            try {
                java.nio.file.Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tls.keyPair("broker", BROKER_CN, tls.brokerKeystore);
            tls.keyPair("service", SERVICE_CN, tls.serviceKeystore);
            tls.trust("broker", tls.brokerKeystore, dir.resolve("broker.crt"));
            tls.trust("service", tls.serviceKeystore, dir.resolve("service.crt"));
            return tls;
        }

        private void keyPair(String alias, String cn, Path keystore) {
            keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=" + cn, "-ext", "SAN=dns:localhost", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        }

        private void trust(String alias, Path keystore, Path certificate) {
            keytool("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-keystore",
                    truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        }

        private static void keytool(String... args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
