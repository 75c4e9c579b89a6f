package nl.regiopool.cao;

import static nl.regiopool.cao.Fixtures.AMS;
import static nl.regiopool.cao.Fixtures.ATW;
import static nl.regiopool.cao.Fixtures.HUISARTSEN;
import static nl.regiopool.cao.Fixtures.shift;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurchargesTest {

    private static CostItem base(String hours, long cents) {
        return new CostItem(CostItem.Kind.BASE, new BigDecimal(hours), BigDecimal.valueOf(100), cents);
    }

    private static CostItem surcharge(String hours, String percent, long cents) {
        return new CostItem(CostItem.Kind.SURCHARGE, new BigDecimal(hours), new BigDecimal(percent), cents);
    }

    /** Test-only figures, not a real CAO: weekday evenings 30%, Saturday nights 40%, Sunday nights 50%,
     * public holidays all day 60%. */
    private static final RuleSetVersion TEST_CAO = RuleSetVersion.builder("CAO_TEST", LocalDate.of(2026, 1, 1))
            .extendsVersion(ATW)
            .set(RuleParameter.SURCHARGE_WINDOWS, List.of(
                    new SurchargeWindow(EnumSet.range(DayType.MONDAY, DayType.FRIDAY), LocalTime.of(20, 0),
                            LocalTime.MIDNIGHT, new BigDecimal("30")),
                    new SurchargeWindow(EnumSet.of(DayType.SATURDAY), LocalTime.of(22, 0), LocalTime.MIDNIGHT,
                            new BigDecimal("40")),
                    new SurchargeWindow(EnumSet.of(DayType.SUNDAY), LocalTime.MIDNIGHT, LocalTime.of(6, 0),
                            new BigDecimal("50")),
                    new SurchargeWindow(EnumSet.of(DayType.PUBLIC_HOLIDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                            new BigDecimal("60.0"))),
                    "test figures, not from any CAO")
            .build();

    @Test
    void doktersassistentEveningShiftUnderCaoHuisartsenzorg() {
        Shift evening = shift("2026-03-04T18:00", "2026-03-04T22:00");
        assertThat(Surcharges.costLines(HUISARTSEN, AMS, evening, 3000, DutchHolidays.instance()))
                .containsExactly(base("4.00", 12000), surcharge("2.00", "30", 1800));
    }

    @Test
    void theDefaultOverloadUsesAmsterdamAndDutchHolidays() {
        Shift evening = shift("2026-03-04T18:00", "2026-03-04T22:00");
        assertThat(Surcharges.costLines(HUISARTSEN, evening, 3000))
                .isEqualTo(Surcharges.costLines(HUISARTSEN, AMS, evening, 3000, DutchHolidays.instance()));
    }

    @Test
    void theAtwAloneHasNoSurcharges() {
        Shift evening = shift("2026-03-04T18:00", "2026-03-04T22:00");
        assertThat(Surcharges.costLines(ATW, AMS, evening, 3000, DutchHolidays.instance()))
                .containsExactly(base("4.00", 12000));
    }

    @Test
    void huisartsenzorgSeedsNoWeekendSurcharge() {
        Shift saturday = shift("2026-03-07T18:00", "2026-03-07T22:00");
        assertThat(Surcharges.costLines(HUISARTSEN, AMS, saturday, 3000, DutchHolidays.instance()))
                .containsExactly(base("4.00", 12000));
    }

    @Test
    void beforeTwentyHoursThereIsNoSurcharge() {
        Shift s = shift("2026-03-04T16:00", "2026-03-04T20:00");
        assertThat(Surcharges.costLines(HUISARTSEN, AMS, s, 3000, PublicHolidays.NONE))
                .containsExactly(base("4.00", 12000));
    }

    @Test
    void theBreakIsAttributedInProportionToElapsedTime() {
        // 18:00-22:30 with 30 min break: 4 h worked, 2.5 of 4.5 elapsed hours after 20:00 -> 2 h 13 min 20 s
        Shift s = shift("2026-03-04T18:00", "2026-03-04T22:30", 30);
        assertThat(Surcharges.costLines(HUISARTSEN, AMS, s, 3000, PublicHolidays.NONE))
                .containsExactly(base("4.00", 12000), surcharge("2.22", "30", 2000));
    }

    @Test
    void amountsAreRoundedHalfUpFromExactSeconds() {
        // 20:00-20:01 at 3001 cents: 3001 / 60 = 50.0167 -> 50; surcharge 15.005 -> 15
        Shift s = shift("2026-03-04T20:00", "2026-03-04T20:01");
        assertThat(Surcharges.costLines(HUISARTSEN, AMS, s, 3001, PublicHolidays.NONE))
                .containsExactly(base("0.02", 50), surcharge("0.02", "30", 15));
    }

    @Test
    void aShiftOverNewYearsEveMeetsThePublicHolidayAtMidnight() {
        // Thursday 31 December 2026 20:00 to Friday 1 January 2027 02:00
        Shift s = shift("2026-12-31T20:00", "2027-01-01T02:00");
        assertThat(Surcharges.costLines(TEST_CAO, AMS, s, 3000, DutchHolidays.instance()))
                .containsExactly(base("6.00", 18000), surcharge("4.00", "30", 3600), surcharge("2.00", "60", 3600));
        // without holidays, 1 January 00:00-02:00 is a plain Friday night
        assertThat(Surcharges.costLines(TEST_CAO, AMS, s, 3000, PublicHolidays.NONE))
                .containsExactly(base("6.00", 18000), surcharge("4.00", "30", 3600));
    }

    @Test
    void overlappingWindowsDoNotStackTheHighestApplies() {
        // Christmas Day 2026 is a Friday: the 30% weekday evening and the 60% holiday overlap after 20:00
        Shift s = shift("2026-12-25T18:00", "2026-12-25T22:00");
        assertThat(Surcharges.costLines(TEST_CAO, AMS, s, 3000, DutchHolidays.instance()))
                .containsExactly(base("4.00", 12000), surcharge("4.00", "60", 7200));
    }

    @Test
    void springDstNightHasOneHourLessInTheSundayWindow() {
        // Saturday 28 March 2026 22:00 to Sunday 06:00 lasts 7 h; Sunday 00:00-06:00 is 5 h that night
        Shift s = shift("2026-03-28T22:00", "2026-03-29T06:00");
        assertThat(s.worked()).isEqualTo(Duration.ofHours(7));
        assertThat(Surcharges.costLines(TEST_CAO, AMS, s, 3000, PublicHolidays.NONE))
                .containsExactly(base("7.00", 21000), surcharge("2.00", "40", 2400), surcharge("5.00", "50", 7500));
    }

    @Test
    void autumnDstNightHasOneHourMoreInTheSundayWindow() {
        Shift s = shift("2026-10-24T22:00", "2026-10-25T06:00");
        assertThat(s.worked()).isEqualTo(Duration.ofHours(9));
        assertThat(Surcharges.costLines(TEST_CAO, AMS, s, 3000, PublicHolidays.NONE))
                .containsExactly(base("9.00", 27000), surcharge("2.00", "40", 2400), surcharge("7.00", "50", 10500));
    }

    @Test
    void dutchHolidaysComeFromJollyday() {
        assertThat(DutchHolidays.instance().holidaysIn(2026)).containsExactlyInAnyOrder(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 5),
                LocalDate.of(2026, 4, 6), LocalDate.of(2026, 4, 27), LocalDate.of(2026, 5, 5),
                LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 24), LocalDate.of(2026, 5, 25),
                LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
        // King's Day moves to Saturday 26 April when 27 April is a Sunday
        assertThat(DutchHolidays.instance().isHoliday(LocalDate.of(2025, 4, 26))).isTrue();
        assertThat(DutchHolidays.instance().isHoliday(LocalDate.of(2025, 4, 27))).isFalse();
        assertThat(DutchHolidays.instance().isHoliday(LocalDate.of(2027, 1, 1))).isTrue();
        assertThat(DutchHolidays.instance().isHoliday(LocalDate.of(2026, 12, 31))).isFalse();
    }
}
