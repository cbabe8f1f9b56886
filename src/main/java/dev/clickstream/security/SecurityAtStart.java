package dev.clickstream.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.quarkus.elytron.security.properties.runtime.MPRealmRuntimeConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Says at start-up, in one line, who may write and read and how callers prove who they are. With security on and no
 * identity source configured, nobody can authenticate: every write is refused with 401 (the service fails closed but
 * keeps serving reads and health, so the cause is visible), and the line is a warning saying what to set.
 */
@ApplicationScoped
public class SecurityAtStart {

    /** Where smallrye-jwt finds the key that verifies bearer tokens; any one of them enables JWT. */
    static final List<String> JWT_KEY_PROPERTIES = List.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location",
            "smallrye.jwt.verify.key.location");

    @Inject
    SecurityConfig security;

    @Inject
    Config config;

    void onStart(@Observes StartupEvent event) {
        int users = config.unwrap(SmallRyeConfig.class).getConfigMapping(MPRealmRuntimeConfig.class).users().size();
        boolean jwt = JWT_KEY_PROPERTIES.stream().anyMatch(key -> config.getOptionalValue(key, String.class).isPresent());
        String line = describe(security, users, jwt, config.getOptionalValue("mp.jwt.verify.issuer", String.class));
        if (security.enabled() && users == 0 && !jwt) {
            Log.warn(line);
        } else {
            Log.info(line);
        }
    }

    /** The start-up line. */
    static String describe(SecurityConfig security, int basicUsers, boolean jwt, Optional<String> issuer) {
        if (!security.enabled() && !security.protectReads()) {
            return "HTTP security off on purpose (clickstream.security.enabled=false): anyone who reaches the service "
                    + "may publish events and drive the generator";
        }
        List<String> mechanisms = new ArrayList<>();
        if (basicUsers > 0) {
            mechanisms.add("HTTP Basic (" + basicUsers + (basicUsers == 1 ? " user" : " users") + ")");
        }
        if (jwt) {
            mechanisms.add("bearer JWT" + issuer.map(iss -> " (issuer " + iss + ")").orElse(""));
        }
        if (mechanisms.isEmpty()) {
            return "HTTP security on, but no caller can authenticate, so every request that needs a role or an identity is refused with 401: configure "
                    + "users (QUARKUS_SECURITY_USERS_EMBEDDED_USERS_<NAME>, QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_<NAME>) "
                    + "or a JWT verification key (MP_JWT_VERIFY_PUBLICKEY_LOCATION), or set "
                    + "CLICKSTREAM_SECURITY_ENABLED=false to run open on purpose";
        }
        String writes = security.enabled()
                ? "POST /events needs role publisher; POST /generator/*, /processor/*, /dev/* need role operator"
                : "writes open on purpose (clickstream.security.enabled=false)";
        String reads = security.protectReads() ? "reads need an authenticated caller" : "reads open";
        return "HTTP security on: " + String.join(" or ", mechanisms) + "; " + writes + "; " + reads;
    }
}
