package nl.regiopool.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumSet;
import nl.regiopool.api.model.PlacementStatus;
import nl.regiopool.placement.PlacementLifecycle.Action;
import nl.regiopool.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PlacementLifecycleTest {

    @ParameterizedTest
    @CsvSource({
            "CONFIRM, PLANNED, CONFIRMED",
            "COMPLETE, CONFIRMED, COMPLETED",
            "CANCEL, PLANNED, CANCELLED",
            "CANCEL, CONFIRMED, CANCELLED",
            "NO_SHOW, CONFIRMED, NO_SHOW"})
    void anActionLeadsFromAnAllowedStatusToItsTarget(Action action, PlacementStatus from, PlacementStatus to) {
        assertThatCode(() -> PlacementLifecycle.require(from, action)).doesNotThrowAnyException();
        assertThat(action.to()).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CONFIRM | CONFIRMED | A CONFIRMED placement cannot be confirmed; that needs status PLANNED.",
            "COMPLETE | PLANNED | A PLANNED placement cannot be completed; that needs status CONFIRMED.",
            "CANCEL | COMPLETED | A COMPLETED placement cannot be cancelled; that needs status PLANNED or CONFIRMED.",
            "NO_SHOW | PLANNED | A PLANNED placement cannot be recorded as a no-show; that needs status CONFIRMED.",
            "CHANGE | NO_SHOW | A NO_SHOW placement cannot change; that needs status PLANNED or CONFIRMED."})
    void aRefusedActionIsAnInvalidTransitionNamingTheStatusesItNeeds(Action action, PlacementStatus from,
                                                                      String detail) {
        ProblemException refused = catchThrowableOfType(() -> PlacementLifecycle.require(from, action),
                ProblemException.class);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INVALID_TRANSITION");
        assertThat(refused.getMessage()).isEqualTo(detail);
    }

    @ParameterizedTest
    @EnumSource(value = PlacementStatus.class, names = {"COMPLETED", "CANCELLED", "NO_SHOW"})
    void noActionLeavesAFinalStatus(PlacementStatus status) {
        for (Action action : Action.values()) {
            boolean disputeOfCompletedHours = status == PlacementStatus.COMPLETED
                    && (action == Action.DISPUTE || action == Action.RESOLVE);
            if (disputeOfCompletedHours) {
                assertThatCode(() -> PlacementLifecycle.require(status, action)).doesNotThrowAnyException();
                assertThatCode(action::to).as("a dispute keeps the status").isInstanceOf(IllegalStateException.class);
            } else {
                assertThatCode(() -> PlacementLifecycle.require(status, action)).isInstanceOf(ProblemException.class);
            }
        }
    }

    @Test
    void changingKeepsTheStatus() {
        assertThatCode(Action.CHANGE::to).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyPlannedConfirmedAndCompletedShiftsCountAsWork() {
        assertThat(EnumSet.allOf(PlacementStatus.class).stream().filter(PlacementLifecycle::worked))
                .containsExactlyInAnyOrder(PlacementStatus.PLANNED, PlacementStatus.CONFIRMED, PlacementStatus.COMPLETED);
    }

    @Test
    void everyShiftButACancelledOneHoldsItsTime() {
        assertThat(EnumSet.allOf(PlacementStatus.class).stream().filter(s -> !PlacementLifecycle.holdsTime(s)))
                .containsExactly(PlacementStatus.CANCELLED);
    }
}
