package nl.regiopool.write;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How often each node runs the background jobs (every node runs every job; see {@link BatchJob}). */
public class JobsConfig {

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration agreementExpiryInterval = Duration.minutes(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration staffingRequestExpiryInterval = Duration.minutes(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration applicantRetentionInterval = Duration.hours(1);

    public java.time.Duration getAgreementExpiryInterval() {
        return agreementExpiryInterval.toJavaDuration();
    }

    public java.time.Duration getStaffingRequestExpiryInterval() {
        return staffingRequestExpiryInterval.toJavaDuration();
    }

    public java.time.Duration getApplicantRetentionInterval() {
        return applicantRetentionInterval.toJavaDuration();
    }
}
