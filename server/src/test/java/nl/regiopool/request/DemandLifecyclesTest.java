package nl.regiopool.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import nl.regiopool.api.model.OfferStatus;
import nl.regiopool.api.model.StaffingRequestStatus;
import nl.regiopool.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemandLifecyclesTest {

    @ParameterizedTest
    @CsvSource({
            "CANCEL, OPEN, CANCELLED",
            "CANCEL, PARTIALLY_FILLED, CANCELLED",
            "EXPIRE, OPEN, EXPIRED",
            "FILL_PART, OPEN, PARTIALLY_FILLED",
            "FILL, OPEN, FILLED",
            "FILL, PARTIALLY_FILLED, FILLED"})
    void aRequestActionLeadsFromAnAllowedStatusToItsTarget(StaffingRequestLifecycle.Action action,
                                                           StaffingRequestStatus from, StaffingRequestStatus to) {
        assertThatCode(() -> StaffingRequestLifecycle.require(from, action)).doesNotThrowAnyException();
        assertThat(action.to()).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({"CHANGE, PARTIALLY_FILLED", "CHANGE, CANCELLED", "CANCEL, FILLED", "CANCEL, EXPIRED",
            "EXPIRE, PARTIALLY_FILLED", "FILL, CANCELLED", "FILL, FILLED"})
    void aRefusedRequestActionIsAnInvalidTransition(StaffingRequestLifecycle.Action action,
                                                    StaffingRequestStatus from) {
        ProblemException refused = catchThrowableOfType(() -> StaffingRequestLifecycle.require(from, action),
                ProblemException.class);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INVALID_TRANSITION");
    }

    @ParameterizedTest
    @CsvSource({
            "ACCEPT, OFFERED, ACCEPTED",
            "DECLINE, OFFERED, DECLINED",
            "PLACE, ACCEPTED, PLACED",
            "RELEASE, ACCEPTED, RELEASED",
            "PLACE, RELEASED, PLACED",
            "WITHDRAW, RELEASED, WITHDRAWN",
            "EXPIRE, RELEASED, EXPIRED",
            "WITHDRAW, OFFERED, WITHDRAWN",
            "WITHDRAW, ACCEPTED, WITHDRAWN",
            "TAKE, OFFERED, TAKEN",
            "EXPIRE, ACCEPTED, EXPIRED"})
    void anOfferActionLeadsFromAnAllowedStatusToItsTarget(OfferLifecycle.Action action, OfferStatus from,
                                                          OfferStatus to) {
        assertThatCode(() -> OfferLifecycle.require(from, action)).doesNotThrowAnyException();
        assertThat(action.to()).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({
            "ACCEPT, EXPIRED, OFFER_EXPIRED",
            "ACCEPT, WITHDRAWN, OFFER_WITHDRAWN",
            "ACCEPT, TAKEN, OFFER_TAKEN",
            "ACCEPT, DECLINED, INVALID_TRANSITION",
            "PLACE, OFFERED, INVALID_TRANSITION",
            "RELEASE, RELEASED, INVALID_TRANSITION",
            "RELEASE, TAKEN, OFFER_TAKEN",
            "DECLINE, PLACED, INVALID_TRANSITION"})
    void aRefusedOfferActionSaysWhyTheOfferIsGone(OfferLifecycle.Action action, OfferStatus from, String code) {
        ProblemException refused = catchThrowableOfType(() -> OfferLifecycle.require(from, action),
                ProblemException.class);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo(code);
    }
}
