package dev.amends.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "amends.intake")
public interface IntakeConfig {

    CustomerRef customerRef();

    /** How far in the future {@code occurredAt} may lie (clock skew between systems). */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    Batch batch();

    Outreach outreach();

    WinBack winBack();

    /** Lapsed HIGH-value customers with a recent incident get a win-back incident (contract section 9). */
    interface WinBack {
        /** How long before the lapse their incident may have been reported. */
        @WithDefault("P180D")
        Duration window();
    }

    /** Outreach runs over a disruption's silent customers. */
    interface Outreach {
        /** Customers reached per transaction; replicas work on a run chunk by chunk. */
        @WithDefault("500")
        int chunk();
    }

    /** Group commit of {@code POST /incidents}. */
    interface Batch {
        /** Off: each request stores its report in a transaction of its own, on its own thread. */
        @WithDefault("true")
        boolean groupCommit();

        /** Writer threads, each with its own database connection and commits. */
        @WithDefault("2")
        int writers();

        /** The most reports one transaction stores. */
        @WithDefault("200")
        int maxSize();
    }

    interface CustomerRef {
        /** The HMAC secret (a Secret in Kubernetes: AMENDS_INTAKE_CUSTOMER_REF_SECRET). */
        String secret();

        /** Names the secret's version in every customerRef, so it can be rotated. */
        @WithDefault("k1")
        String version();
    }
}
