package nl.regiopool.agreement;

import java.time.Instant;
import java.time.LocalDate;

/** The worker's consent to being lent, as recorded on the agreement; all null until it is. */
public record Consent(LocalDate consentedOn, String consentMethod, Instant consentRecordedAt, String consentRecordedBy) {

    boolean isRecorded() {
        return consentedOn != null;
    }
}
