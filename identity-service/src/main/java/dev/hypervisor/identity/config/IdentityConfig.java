package dev.hypervisor.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** identity-service's settings; application.properties maps each to its environment variable. */
@ConfigMapping(prefix = "hv.identity")
public interface IdentityConfig {

    /** The {@code iss} of every token; the other services check it. */
    String issuer();

    @WithDefault("15m")
    Duration accessTokenTtl();

    @WithDefault("30d")
    Duration refreshTokenTtl();

    /** bcrypt's cost: each step doubles the work of a guess. */
    @WithDefault("12")
    int bcryptCost();

    /** Failed logins allowed per username and client address before that pair is refused for a while. */
    @WithDefault("10/5m")
    String failedLogins();

    /**
     * Invalid invite codes one user may try before joining is refused to them for a while: with 160-bit codes
     * guessing is hopeless anyway, and this keeps anyone from trying at scale.
     */
    @WithDefault("10/5m")
    String failedJoins();

    Keys keys();

    BootstrapAdmin bootstrapAdmin();

    /** Service accounts by client id, for the client-credentials grant. */
    Map<String, ServiceAccount> serviceAccounts();

    Invites invites();

    interface Keys {
        Optional<String> signingKey();

        Optional<Path> signingKeyFile();

        Optional<String> previousSigningKey();

        Optional<Path> previousSigningKeyFile();

        Optional<String> sealingKey();

        Optional<Path> directory();

        /** Whether keys may be made up for the life of the process when none are configured (tests only). */
        @WithDefault("false")
        boolean ephemeral();
    }

    interface BootstrapAdmin {
        @WithDefault("admin")
        String username();

        Optional<String> password();
    }

    interface ServiceAccount {
        /** No secret, no account: a service account without one cannot get a token. */
        Optional<String> secret();

        Set<String> roles();
    }

    interface Invites {
        /** The standing invite every organization gets, which its admins can always look up. */
        @WithDefault("1000")
        int standingMaxUses();

        @WithDefault("720h")
        Duration standingTtl();

        @WithDefault("1")
        int defaultMaxUses();

        @WithDefault("168h")
        Duration defaultTtl();
    }
}
