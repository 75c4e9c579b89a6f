package nl.regiopool.agreement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.regiopool.api.model.Approvals;
import nl.regiopool.api.model.LoanAgreement;
import nl.regiopool.api.model.LoanAgreementTerms;

/**
 * Agreements leave out what has not happened yet (no approval, no consent, no pending amendment)
 * instead of sending null: OpenAPI 3.0 cannot make a referenced object nullable without allOf
 * tricks that validators read differently.
 */
public final class AgreementJson {

    private AgreementJson() {
    }

    public static void configure(ObjectMapper mapper) {
        mapper.addMixIn(LoanAgreement.class, OmitAbsent.class);
        mapper.addMixIn(LoanAgreementTerms.class, OmitAbsent.class);
        mapper.addMixIn(Approvals.class, OmitAbsent.class);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private abstract static class OmitAbsent {
    }
}
