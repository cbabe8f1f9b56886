package dev.clickstream.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one start-up line that says who may write and read. */
class SecurityAtStartTest {

    private static SecurityConfig config(boolean enabled, boolean protectReads) {
        return new SecurityConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public boolean protectReads() {
                return protectReads;
            }
        };
    }

    @Test
    void saysWhenSecurityIsOffOnPurpose() {
        assertThat(SecurityAtStart.describe(config(false, false), 2, true, Optional.empty()))
                .startsWith("HTTP security off on purpose (clickstream.security.enabled=false)");
    }

    @Test
    void namesTheMechanismsAndWhatEachRoleGuards() {
        assertThat(SecurityAtStart.describe(config(true, false), 2, true, Optional.of("https://issuer.example")))
                .isEqualTo("HTTP security on: HTTP Basic (2 users) or bearer JWT (issuer https://issuer.example); "
                        + "POST /events needs role publisher; POST /generator/*, /processor/*, /dev/* need role operator; reads open");
        assertThat(SecurityAtStart.describe(config(true, true), 1, false, Optional.empty()))
                .isEqualTo("HTTP security on: HTTP Basic (1 user); POST /events needs role publisher; "
                        + "POST /generator/*, /processor/*, /dev/* need role operator; reads need an authenticated caller");
    }

    @Test
    void saysWhatToSetWhenNobodyCanAuthenticate() {
        assertThat(SecurityAtStart.describe(config(true, false), 0, false, Optional.empty()))
                .contains("no caller can authenticate", "refused with 401", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        "CLICKSTREAM_SECURITY_ENABLED=false");
    }
}
