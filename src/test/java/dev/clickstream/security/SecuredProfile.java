package dev.clickstream.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The in-memory service with security on, as the packaged service runs it: writes need a role, reads are open. */
public class SecuredProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return TestCredentials.serviceConfig();
    }
}
