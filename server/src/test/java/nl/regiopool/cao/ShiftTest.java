package nl.regiopool.cao;

import static nl.regiopool.cao.Fixtures.AMS;
import static nl.regiopool.cao.Fixtures.at;
import static nl.regiopool.cao.Fixtures.shift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShiftTest {

    @Test
    void workedTimeIsElapsedMinusBreak() {
        assertThat(shift("2026-03-02T07:00", "2026-03-02T17:00", 30).worked()).isEqualTo(Duration.ofMinutes(570));
    }

    @Test
    void springForwardNightIsSevenHours() {
        Shift s = shift("2026-03-28T22:00", "2026-03-29T06:00");
        assertThat(s.elapsed()).isEqualTo(Duration.ofHours(7));
        assertThat(s.worked()).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void fallBackNightIsNineHours() {
        Shift s = shift("2026-10-24T22:00", "2026-10-25T06:00", 30);
        assertThat(s.elapsed()).isEqualTo(Duration.ofHours(9));
        assertThat(s.worked()).isEqualTo(Duration.ofMinutes(510));
    }

    @Test
    void breakIsApportionedInProportionToElapsedTime() {
        Shift s = shift("2026-03-02T18:00", "2026-03-02T22:30", 30);
        // 2.5 of 4.5 elapsed hours lie after 20:00; worked 4 h: 2.5 x 4 / 4.5 h = 2 h 13 min 20 s
        assertThat(s.workedWithin(at("2026-03-02T20:00"), at("2026-03-03T00:00")))
                .isEqualTo(Duration.ofSeconds(8000));
        assertThat(s.workedWithin(at("2026-03-02T00:00"), at("2026-03-02T20:00")))
                .isEqualTo(Duration.ofHours(4).minusSeconds(8000));
    }

    @Test
    void workedWithinOutsideTheShiftIsZero() {
        Shift s = shift("2026-03-02T08:00", "2026-03-02T12:00");
        assertThat(s.workedWithin(at("2026-03-02T12:00"), at("2026-03-02T18:00"))).isZero();
        assertThat(s.workedWithin(at("2026-03-02T10:00"), at("2026-03-02T10:00"))).isZero();
    }

    @Test
    void instantsAreTruncatedToSeconds() {
        Shift s = new Shift(UUID.randomUUID(), at("2026-03-02T08:00").plusMillis(900),
                at("2026-03-02T09:00").plusMillis(100), 0);
        assertThat(s.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rejectsEmptyShiftsNegativeBreaksAndBreaksAsLongAsTheShift() {
        assertThatThrownBy(() -> shift("2026-03-02T08:00", "2026-03-02T08:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shift("2026-03-02T08:00", "2026-03-02T09:00", -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shift("2026-03-02T08:00", "2026-03-02T09:00", 60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(shift("2026-03-02T08:00", "2026-03-02T09:00", 59).worked()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shiftAcrossMidnightSundayIsSplitAcrossIsoWeeks() {
        Shift s = shift("2026-03-08T20:00", "2026-03-09T04:00", 30);
        LocalDate first = LocalDate.of(2026, 3, 2);
        LocalDate second = LocalDate.of(2026, 3, 9);
        assertThat(Weeks.mondaysTouched(s, AMS)).containsExactly(first, second);
        assertThat(Weeks.workedInWeek(s, first, AMS)).isEqualTo(Duration.ofMinutes(225));
        assertThat(Weeks.workedInWeek(s, second, AMS)).isEqualTo(Duration.ofMinutes(225));
    }

    @Test
    void shiftEndingAtMondayMidnightTouchesOneWeek() {
        Shift s = shift("2026-03-08T20:00", "2026-03-09T00:00");
        assertThat(Weeks.mondaysTouched(s, AMS)).containsExactly(LocalDate.of(2026, 3, 2));
    }

    @Test
    void weekOfTheSpringDstChangeLasts167Hours() {
        LocalDate monday = LocalDate.of(2026, 3, 23);
        assertThat(Duration.between(Weeks.start(monday, AMS), Weeks.start(monday.plusWeeks(1), AMS)))
                .isEqualTo(Duration.ofHours(167));
    }

    @Test
    void nightWorkIsTakenBetweenMidnightAndSixLocalTime() {
        assertThat(NightShifts.isNightShift(shift("2026-03-02T23:00", "2026-03-03T01:00"), AMS)).isFalse();
        assertThat(NightShifts.isNightShift(shift("2026-03-02T23:00", "2026-03-03T01:01"), AMS)).isTrue();
        assertThat(NightShifts.nightWork(shift("2026-03-28T22:00", "2026-03-29T06:00"), AMS))
                .isEqualTo(Duration.ofHours(5));
        assertThat(NightShifts.nightWork(shift("2026-10-24T22:00", "2026-10-25T06:00"), AMS))
                .isEqualTo(Duration.ofHours(7));
        assertThat(NightShifts.isNightShift(shift("2026-03-02T05:00", "2026-03-02T13:00"), AMS)).isFalse();
        assertThat(NightShifts.isNightShift(shift("2026-03-02T04:59", "2026-03-02T13:00"), AMS)).isTrue();
    }
}
