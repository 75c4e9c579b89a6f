package nl.regiopool.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Webhook delivery settings. The two safety switches default to safe and are meant for development only. */
public class WebhooksConfig {

    /** Allow http:// endpoint URLs (development). */
    @JsonProperty
    private boolean allowHttp = false;

    /** Allow URLs that resolve to loopback, private, link-local or metadata addresses (development). */
    @JsonProperty
    private boolean allowPrivateAddresses = false;

    /** How often the deliverer looks for due deliveries. */
    @NotNull
    @JsonProperty
    private Duration deliveryInterval = Duration.seconds(1);

    /**
     * After an attempt ends, look for due deliveries at once instead of after the interval, so an endpoint gets its
     * next event in order without waiting. Off for tests that drive the deliverer by hand.
     */
    @JsonProperty
    private boolean passAfterAttempt = true;

    /**
     * After a write commits events, look for due deliveries of its cooperative at once instead of after the
     * interval, so an event reaches healthy endpoints within moments. Off for tests that drive the deliverer by hand.
     */
    @JsonProperty
    private boolean passAfterCommit = true;

    /**
     * Quick passes (after a commit or an attempt) start at least this far apart. Every pass makes deliveries and
     * probes the head of each enabled endpoint, and every run it starts is leased, sent and recorded as one: the
     * wider the gap, the more deliveries share that work under load, and the longer an event may wait for its pass.
     */
    @NotNull
    @JsonProperty
    private Duration quickPassGap = Duration.milliseconds(200);

    /** Failed attempts in a row (across deliveries) after which an endpoint is disabled. */
    @Min(1)
    @JsonProperty
    private int maxConsecutiveFailures = 20;

    /**
     * Runs in flight at once on this node (an endpoint's deliveries, sent in order), each on its own thread; a slow
     * receiver holds one for at most the timeout per attempt, so there are enough for every slow or hanging endpoint
     * and the healthy ones beside them.
     */
    @Min(1)
    @Max(1000)
    @JsonProperty
    private int deliveryThreads = 128;

    public boolean isAllowHttp() {
        return allowHttp;
    }

    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    public boolean isPassAfterAttempt() {
        return passAfterAttempt;
    }

    public boolean isPassAfterCommit() {
        return passAfterCommit;
    }

    public Duration getDeliveryInterval() {
        return deliveryInterval;
    }

    public Duration getQuickPassGap() {
        return quickPassGap;
    }

    public int getMaxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    public int getDeliveryThreads() {
        return deliveryThreads;
    }
}
