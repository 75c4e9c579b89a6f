package nl.regiopool.cao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class RuleSetVersionTest {

    @Test
    void atwCarriesThePublicFiguresWithTheirArticles() {
        RuleSetVersion atw = SeededRuleSets.ATW_2007;
        assertThat(atw.require(RuleParameter.MAX_SHIFT_WORK).value()).isEqualTo(Duration.ofHours(12));
        assertThat(atw.require(RuleParameter.MAX_SHIFT_WORK).source()).contains("5:7");
        assertThat(atw.require(RuleParameter.MAX_WEEK_WORK).value()).isEqualTo(Duration.ofHours(60));
        assertThat(atw.require(RuleParameter.MAX_AVG_WEEK_WORK_4_WEEKS).value()).isEqualTo(Duration.ofHours(55));
        assertThat(atw.require(RuleParameter.MAX_AVG_WEEK_WORK_16_WEEKS).value()).isEqualTo(Duration.ofHours(48));
        assertThat(atw.require(RuleParameter.MIN_DAILY_REST).value()).isEqualTo(Duration.ofHours(11));
        assertThat(atw.require(RuleParameter.MIN_DAILY_REST).source()).contains("5:3");
        assertThat(atw.require(RuleParameter.REDUCED_DAILY_REST).value()).isEqualTo(Duration.ofHours(8));
        assertThat(atw.require(RuleParameter.REDUCED_DAILY_REST_PERIOD).value()).isEqualTo(Duration.ofDays(7));
        assertThat(atw.require(RuleParameter.MIN_WEEKLY_REST).value()).isEqualTo(Duration.ofHours(36));
        assertThat(atw.require(RuleParameter.MIN_WEEKLY_REST).source()).contains("5:5");
        assertThat(atw.require(RuleParameter.ALT_WEEKLY_REST_TOTAL).value()).isEqualTo(Duration.ofHours(72));
        assertThat(atw.require(RuleParameter.ALT_WEEKLY_REST_MIN_BLOCK).value()).isEqualTo(Duration.ofHours(32));
        assertThat(atw.require(RuleParameter.BREAK_RULES).value()).containsExactly(
                new BreakRule(Duration.ofMinutes(330), Duration.ofMinutes(30)),
                new BreakRule(Duration.ofHours(10), Duration.ofMinutes(45)));
        assertThat(atw.require(RuleParameter.BREAK_RULES).source()).contains("5:4");
        assertThat(atw.require(RuleParameter.MAX_NIGHT_SHIFT_WORK).value()).isEqualTo(Duration.ofHours(10));
        assertThat(atw.require(RuleParameter.MAX_NIGHT_SHIFT_WORK).source()).contains("5:8");
        assertThat(atw.find(RuleParameter.SURCHARGE_WINDOWS)).isEmpty();
    }

    @Test
    void everySeededParameterCitesASource() {
        for (RuleSetVersion v : SeededRuleSets.ALL) {
            assertThat(v.effectiveParameters()).isNotEmpty();
            v.effectiveParameters().values().forEach(p -> assertThat(p.source()).isNotBlank());
        }
    }

    @Test
    void huisartsenzorgExtendsAtwAndAddsOnlyTheWeekdayEveningSurcharge() {
        RuleSetVersion cao = SeededRuleSets.CAO_HUISARTSENZORG_2017;
        assertThat(cao.parent()).contains(SeededRuleSets.ATW_2007);
        assertThat(cao.ownParameters()).containsOnlyKeys(RuleParameter.SURCHARGE_WINDOWS);
        assertThat(cao.require(RuleParameter.MAX_SHIFT_WORK))
                .isSameAs(SeededRuleSets.ATW_2007.require(RuleParameter.MAX_SHIFT_WORK));
        List<SurchargeWindow> windows = cao.require(RuleParameter.SURCHARGE_WINDOWS).value();
        assertThat(windows).containsExactly(new SurchargeWindow(
                EnumSet.of(DayType.MONDAY, DayType.TUESDAY, DayType.WEDNESDAY, DayType.THURSDAY, DayType.FRIDAY),
                LocalTime.of(20, 0), LocalTime.MIDNIGHT, new BigDecimal("30")));
        assertThat(cao.find(RuleParameter.MAX_LOAN_MONTHS)).isEmpty();
    }

    @Test
    void aChildOverridesItsParentAndInheritsTheRest() {
        RuleSetVersion child = RuleSetVersion.builder("CAO_TEST", LocalDate.of(2026, 1, 1))
                .validTo(LocalDate.of(2026, 12, 31))
                .extendsVersion(SeededRuleSets.CAO_HUISARTSENZORG_2017)
                .set(RuleParameter.MAX_SHIFT_WORK, Duration.ofHours(10), "test figure, not a real CAO")
                .build();
        assertThat(child.require(RuleParameter.MAX_SHIFT_WORK).value()).isEqualTo(Duration.ofHours(10));
        assertThat(child.require(RuleParameter.MAX_WEEK_WORK).value()).isEqualTo(Duration.ofHours(60));
        assertThat(child.require(RuleParameter.SURCHARGE_WINDOWS).value()).hasSize(1);
        assertThat(child.isValidOn(LocalDate.of(2026, 6, 1))).isTrue();
        assertThat(child.isValidOn(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(child.isValidOn(LocalDate.of(2025, 12, 31))).isFalse();
    }

    @Test
    void aParameterNobodySetsIsAbsent() {
        assertThat(SeededRuleSets.ATW_2007.find(RuleParameter.NEW_PLACEMENT_NOTICE)).isEmpty();
        assertThatThrownBy(() -> SeededRuleSets.ATW_2007.require(RuleParameter.NEW_PLACEMENT_NOTICE))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("newPlacementNotice");
    }

    @Test
    void aParameterWithoutSourceOrAMalformedCodeIsRefused() {
        assertThatThrownBy(() -> RuleSetVersion.builder("ATW", LocalDate.of(2026, 1, 1))
                .set(RuleParameter.MAX_SHIFT_WORK, Duration.ofHours(12), " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleSetVersion.builder("cao vvt", LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void surchargeWindowsStayWithinOneDay() {
        assertThatThrownBy(() -> new SurchargeWindow(EnumSet.of(DayType.MONDAY), LocalTime.of(22, 0),
                LocalTime.of(6, 0), BigDecimal.TEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurchargeWindow(EnumSet.noneOf(DayType.class), LocalTime.of(20, 0),
                LocalTime.MIDNIGHT, BigDecimal.TEN)).isInstanceOf(IllegalArgumentException.class);
    }
}
