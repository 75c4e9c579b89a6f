package nl.regiopool.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import nl.regiopool.api.model.CoverageReason;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.RequestedShiftInput;
import nl.regiopool.api.model.StaffingRequestCreate;
import nl.regiopool.api.model.StaffingRequestKind;
import org.junit.jupiter.api.Test;

class RequestInputTest {

    private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

    private static RequestedShiftInput shift(String startsAt, String endsAt, Integer breakMinutes) {
        return new RequestedShiftInput().startsAt(OffsetDateTime.parse(startsAt)).endsAt(OffsetDateTime.parse(endsAt))
                .breakMinutes(breakMinutes);
    }

    private static List<String> codes(List<FieldError> errors) {
        return errors.stream().map(error -> error.getField() + ":" + error.getCode()).toList();
    }

    @Test
    void wellFormedFutureShiftsThatTouchButDoNotOverlapPass() {
        assertThat(RequestInput.shiftErrors(List.of(shift("2027-03-02T18:00:00+01:00", "2027-03-02T22:00:00+01:00", 0),
                shift("2027-03-02T22:00:00+01:00", "2027-03-02T23:00:00+01:00", null)), NOW)).isEmpty();
    }

    @Test
    void everyBrokenShiftRuleIsNamedWithItsIndex() {
        List<FieldError> errors = RequestInput.shiftErrors(List.of(
                shift("2027-03-01T08:00:00+01:00", "2027-03-01T12:00:00+01:00", 0),
                shift("2027-03-03T12:00:00+01:00", "2027-03-03T11:00:00+01:00", 0),
                shift("2027-03-04T08:00:00+01:00", "2027-03-05T09:00:00+01:00", 0),
                shift("2027-03-06T08:00:00+01:00", "2027-03-06T09:00:00+01:00", 60),
                shift("2027-03-07T08:00:00+01:00", "2027-03-07T12:00:00+01:00", 0),
                shift("2027-03-07T11:59:00+01:00", "2027-03-07T14:00:00+01:00", 0)), NOW);
        assertThat(codes(errors)).containsExactly("shifts[0].startsAt:IN_THE_PAST", "shifts[1].endsAt:OUT_OF_RANGE",
                "shifts[2].endsAt:OUT_OF_RANGE", "shifts[3].breakMinutes:OUT_OF_RANGE", "shifts[5]:OVERLAPPING");
    }

    @Test
    void overlapsAreFoundWhateverTheOrderTheShiftsCameIn() {
        List<FieldError> errors = RequestInput.shiftErrors(List.of(
                shift("2027-03-09T18:00:00+01:00", "2027-03-09T22:00:00+01:00", 0),
                shift("2027-03-02T18:00:00+01:00", "2027-03-02T22:00:00+01:00", 0),
                shift("2027-03-09T21:00:00+01:00", "2027-03-09T23:00:00+01:00", 0)), NOW);
        assertThat(codes(errors)).containsExactly("shifts[2]:OVERLAPPING");
    }

    @Test
    void moreThanFiftyShiftsAreRefusedAsOne() {
        List<RequestedShiftInput> shifts = new ArrayList<>();
        for (int day = 0; day < 51; day++) {
            OffsetDateTime start = OffsetDateTime.parse("2027-04-01T08:00:00+02:00").plusDays(day);
            shifts.add(new RequestedShiftInput().startsAt(start).endsAt(start.plusHours(2)));
        }
        assertThat(codes(RequestInput.shiftErrors(shifts, NOW))).containsExactly("shifts:OUT_OF_RANGE");
        assertThat(RequestInput.shiftErrors(shifts.subList(0, 50), NOW)).isEmpty();
    }

    @Test
    void eachKindRefusesTheOtherKindsFieldsAndNeedsItsOwn() {
        StaffingRequestCreate shifts = new StaffingRequestCreate().role(QualificationRole.DOKTERSASSISTENT)
                .kind(StaffingRequestKind.SHIFTS).startDate(TODAY).endDate(TODAY).hoursPerWeek(8)
                .reason(CoverageReason.PEAK);
        assertThat(codes(RequestInput.errors(shifts, NOW, TODAY))).containsExactly("shifts:REQUIRED",
                "startDate:NOT_ALLOWED", "endDate:NOT_ALLOWED", "hoursPerWeek:NOT_ALLOWED", "reason:NOT_ALLOWED");
        StaffingRequestCreate coverage = new StaffingRequestCreate().role(QualificationRole.DOKTERSASSISTENT)
                .kind(StaffingRequestKind.COVERAGE).shifts(List.of(shift("2027-03-02T18:00:00+01:00",
                        "2027-03-02T22:00:00+01:00", 0)));
        assertThat(codes(RequestInput.errors(coverage, NOW, TODAY))).containsExactly("shifts:NOT_ALLOWED",
                "startDate:REQUIRED", "endDate:REQUIRED", "hoursPerWeek:REQUIRED", "reason:REQUIRED");
    }

    @Test
    void aCoveragePeriodStartsTodayOrLaterAndEndsOnOrAfterItsStart() {
        StaffingRequestCreate today = new StaffingRequestCreate().role(QualificationRole.POH_GGZ)
                .kind(StaffingRequestKind.COVERAGE).startDate(TODAY).endDate(TODAY).hoursPerWeek(8)
                .reason(CoverageReason.SICK_LEAVE_COVER);
        assertThat(RequestInput.errors(today, NOW, TODAY)).isEmpty();
        assertThat(codes(RequestInput.errors(today.startDate(TODAY.minusDays(1)).endDate(TODAY.minusDays(2)), NOW,
                TODAY))).containsExactly("startDate:IN_THE_PAST", "endDate:INVALID_PERIOD");
    }

    @Test
    void postcodesAreStoredWithOneSpaceAndCapitals() {
        assertThat(RequestInput.normalizePostcode("7001ab")).isEqualTo("7001 AB");
        assertThat(RequestInput.normalizePostcode("7001 AB")).isEqualTo("7001 AB");
    }
}
