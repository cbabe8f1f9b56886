package dev.clickstream.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import dev.clickstream.testing.TestDirs;
import io.smallrye.jwt.build.Jwt;

/**
 * The security tests' identities: users with known passwords (stored as the service stores them, hashed), and RSA
 * key pairs made on first use under {@code target/security-keys}, one to sign good tokens and one whose public key
 * the service does not know. Nothing secret is committed.
 */
public final class TestCredentials {

    public static final String ISSUER = "https://issuer.clickstream.test";
    public static final String AUDIENCE = "clickstream";
    /** The users' password; each user's name says its role. */
    public static final String PASSWORD = "s3cret-pa55word-for-tests";
    public static final String PUBLISHER = "pia";
    public static final String OPERATOR = "otto";
    public static final String READER = "rita";

    private static final Path KEYS = TestDirs.TARGET.resolve("security-keys");

    private TestCredentials() {
    }

    /** Configuration for a service with the three users and JWTs signed by {@link #signingKey()}. */
    public static Map<String, String> serviceConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("clickstream.security.enabled", "true");
        user(config, PUBLISHER, PASSWORD, "publisher");
        user(config, OPERATOR, PASSWORD, "operator");
        user(config, READER, PASSWORD, "reader");
        config.put("mp.jwt.verify.publickey.location", publicKeyFile("good").toString());
        config.put("mp.jwt.verify.issuer", ISSUER);
        return config;
    }

    /** One embedded user, its password stored as the service expects: HEX(SHA-512("name:clickstream:password")). */
    static void user(Map<String, String> config, String name, String password, String role) {
        config.put("quarkus.security.users.embedded.users." + name, hash(name, password));
        config.put("quarkus.security.users.embedded.roles." + name, role);
    }

    static String hash(String name, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512")
                    .digest((name + ":clickstream:" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A valid token for {@code groups}, from the right issuer for the right audience, good for five minutes. */
    public static String token(Set<String> groups) {
        return "Bearer " + Jwt.issuer(ISSUER).audience(AUDIENCE).subject("token-user").groups(groups)
                .expiresAt(Instant.now().plusSeconds(300)).sign(signingKey());
    }

    /** A token for {@code groups} with every claim and the key chosen by the caller. */
    public static String token(String issuer, String audience, Set<String> groups, Instant expiresAt, PrivateKey key) {
        return "Bearer " + Jwt.issuer(issuer).audience(audience).subject("token-user").groups(groups)
                .issuedAt(expiresAt.minusSeconds(600)).expiresAt(expiresAt).sign(key);
    }

    public static PrivateKey signingKey() {
        return privateKey("good");
    }

    /** A key the service does not trust. */
    public static PrivateKey strangerKey() {
        return privateKey("stranger");
    }

    public static synchronized Path publicKeyFile(String name) {
        Path file = KEYS.resolve(name + "-public.pem");
        if (!Files.exists(file)) {
            generate(name);
        }
        return file;
    }

    private static synchronized PrivateKey privateKey(String name) {
        publicKeyFile(name);
        try {
            String pem = Files.readString(KEYS.resolve(name + "-private.pem"), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void generate(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(KEYS);
            Files.writeString(KEYS.resolve(name + "-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(KEYS.resolve(name + "-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
