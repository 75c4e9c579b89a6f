package nl.regiopool.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.model.CandidateReason;
import nl.regiopool.api.model.CandidateReasonCode;
import nl.regiopool.availability.Availability;
import nl.regiopool.cao.Shift;
import nl.regiopool.geo.Coordinates;
import org.junit.jupiter.api.Test;

/** The distance and availability parts of a candidate's score: values in, reasons out. */
class CandidateScoreTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Coordinates HERE = new Coordinates(52.0, 6.0);
    /** 2026-12-01 is a Tuesday. */
    private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);

    private static Coordinates kmNorth(double km) {
        return new Coordinates(52.0 + km / (6371.0088 * Math.PI / 180), 6.0);
    }

    @Test
    void noDistanceReasonWithoutBothPlaces() {
        assertThat(CandidateChecks.distance(null, HERE)).isEmpty();
        assertThat(CandidateChecks.distance(HERE, null)).isEmpty();
    }

    @Test
    void closerIsBetterOnePointLessPerWholeTwoKilometresNeverBelowZero() {
        assertThat(points(0)).isEqualTo(20);
        assertThat(points(1.99)).isEqualTo(20);
        assertThat(points(2.01)).isEqualTo(19);
        assertThat(points(10.3)).isEqualTo(15);
        assertThat(points(39.9)).isEqualTo(1);
        assertThat(points(40.1)).isEqualTo(0);
        assertThat(points(250)).isEqualTo(0);
    }

    @Test
    void theReasonSaysTheKilometresToOneDecimal() {
        CandidateReason reason = CandidateChecks.distance(HERE, kmNorth(10.34)).orElseThrow();
        assertThat(reason.getCode()).isEqualTo(CandidateReasonCode.DISTANCE_KM);
        assertThat(reason.getValue()).isEqualByComparingTo(new BigDecimal("10.3"));
        assertThat(reason.getPoints()).isEqualTo(15);
    }

    private static int points(double km) {
        return CandidateChecks.distance(HERE, kmNorth(km)).orElseThrow().getPoints();
    }

    private static CandidateChecks.Request eveningsOn(LocalDate... days) {
        List<Shift> shifts = java.util.Arrays.stream(days).map(day -> new Shift(UUID.randomUUID(),
                day.atTime(19, 0).atZone(ZONE).toInstant(), day.atTime(23, 30).atZone(ZONE).toInstant(), 0, "REQUEST"))
                .toList();
        return new CandidateChecks.Request(UUID.randomUUID(), "DOKTERSASSISTENT", shifts, days[0], days[days.length - 1],
                ZONE, null, null, HERE);
    }

    private static Availability weekly(DayOfWeek day, int fromMinute, int toMinute,
                                       Availability.DatedException... exceptions) {
        return Availability.of(List.of(new Availability.Window(day, new Availability.Minutes(fromMinute, toMinute))),
                List.of(exceptions));
    }

    @Test
    void aWorkerThatStatedNothingGetsNoAvailabilityReason() {
        assertThat(TUESDAY.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(CandidateChecks.availability(eveningsOn(TUESDAY), Availability.UNSTATED)).isEmpty();
    }

    @Test
    void statedAvailabilityCoveringEveryShiftAddsPoints() {
        CandidateReason reason = CandidateChecks.availability(eveningsOn(TUESDAY, TUESDAY.plusWeeks(1)),
                weekly(DayOfWeek.TUESDAY, 18 * 60, 24 * 60)).orElseThrow();
        assertThat(reason.getCode()).isEqualTo(CandidateReasonCode.STATED_AVAILABLE);
        assertThat(reason.getValue()).isEqualByComparingTo("2");
        assertThat(reason.getPoints()).isEqualTo(CandidateChecks.STATED_AVAILABLE_POINTS).isPositive();
    }

    @Test
    void aShiftOutsideTheStatedWindowsOrOnAnUnavailableDayCountsAsUnavailable() {
        CandidateReason partly = CandidateChecks.availability(eveningsOn(TUESDAY),
                weekly(DayOfWeek.TUESDAY, 18 * 60, 22 * 60)).orElseThrow();
        assertThat(partly.getCode()).isEqualTo(CandidateReasonCode.STATED_UNAVAILABLE);
        assertThat(partly.getValue()).isEqualByComparingTo("1");
        assertThat(partly.getPoints()).isEqualTo(CandidateChecks.STATED_UNAVAILABLE_POINTS).isNegative();

        CandidateReason leave = CandidateChecks.availability(eveningsOn(TUESDAY, TUESDAY.plusWeeks(1), TUESDAY.plusWeeks(2)),
                weekly(DayOfWeek.TUESDAY, 18 * 60, 24 * 60, new Availability.DatedException(false,
                        TUESDAY.plusWeeks(1), TUESDAY.plusWeeks(1), List.of()))).orElseThrow();
        assertThat(leave.getCode()).isEqualTo(CandidateReasonCode.STATED_UNAVAILABLE);
        assertThat(leave.getValue()).isEqualByComparingTo("1");
    }

    @Test
    void anUnavailableCandidateIsRecognisedForTheRankingOrder() {
        assertThat(CandidateChecks.statedUnavailable(
                List.of(new CandidateReason(CandidateReasonCode.STATED_UNAVAILABLE, BigDecimal.ONE, -15)))).isTrue();
        assertThat(CandidateChecks.statedUnavailable(List.of())).isFalse();
    }
}
