package nl.regiopool.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumSet;
import java.util.Set;
import nl.regiopool.agreement.AgreementLifecycle.Action;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AgreementLifecycleTest {

    @ParameterizedTest
    @CsvSource({
            "PROPOSE, DRAFT, PROPOSED",
            "ACTIVATE, PROPOSED, ACTIVE",
            "TERMINATE, ACTIVE, TERMINATED",
            "CANCEL, DRAFT, CANCELLED",
            "CANCEL, PROPOSED, CANCELLED",
            "END, ACTIVE, ENDED"})
    void anActionLeadsFromAnAllowedStatusToItsTarget(Action action, LoanAgreementStatus from, LoanAgreementStatus to) {
        assertThatCode(() -> AgreementLifecycle.require(from, action)).doesNotThrowAnyException();
        assertThat(action.to()).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PROPOSE | PROPOSED | A PROPOSED agreement cannot propose; that needs status DRAFT.",
            "RECORD_CONSENT | ACTIVE | A ACTIVE agreement cannot record consent for; that needs status DRAFT or PROPOSED.",
            "TERMINATE | PROPOSED | A PROPOSED agreement cannot terminate; that needs status ACTIVE.",
            "CANCEL | ACTIVE | A ACTIVE agreement cannot cancel; that needs status DRAFT or PROPOSED.",
            "AMEND | DRAFT | A DRAFT agreement cannot amend; that needs status ACTIVE."})
    void aRefusedActionIsAnInvalidTransitionNamingTheStatusesItNeeds(Action action, LoanAgreementStatus from,
                                                                      String detail) {
        ProblemException refused = catchThrowableOfType(() -> AgreementLifecycle.require(from, action),
                ProblemException.class);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INVALID_TRANSITION");
        assertThat(refused.getMessage()).isEqualTo(detail);
    }

    @ParameterizedTest
    @EnumSource(value = LoanAgreementStatus.class, names = {"ENDED", "TERMINATED", "CANCELLED"})
    void noActionStartsFromAFinalStatus(LoanAgreementStatus status) {
        assertThat(EnumSet.allOf(Action.class)).noneMatch(action -> action.allowedFrom(status));
    }

    @Test
    void approvalConsentAndAmendmentHaveNoTargetStatus() {
        for (Action keeping : Set.of(Action.APPROVE, Action.RECORD_CONSENT, Action.AMEND)) {
            assertThatCode(keeping::to).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void everyStatusButTheFirstIsReachedByAnAction() {
        Set<LoanAgreementStatus> reached = EnumSet.noneOf(LoanAgreementStatus.class);
        for (Action action : Action.values()) {
            try {
                reached.add(action.to());
            } catch (IllegalStateException keepsTheStatus) {
                // approve, consent and amend lead nowhere new
            }
        }

        assertThat(reached).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(AgreementLifecycle.INITIAL)));
    }
}
