package nl.regiopool.cao;

import static nl.regiopool.cao.RuleParameter.ALT_WEEKLY_REST_MIN_BLOCK;
import static nl.regiopool.cao.RuleParameter.ALT_WEEKLY_REST_PERIOD;
import static nl.regiopool.cao.RuleParameter.ALT_WEEKLY_REST_TOTAL;
import static nl.regiopool.cao.RuleParameter.BREAK_RULES;
import static nl.regiopool.cao.RuleParameter.MAX_AVG_WEEK_WORK_16_WEEKS;
import static nl.regiopool.cao.RuleParameter.MAX_AVG_WEEK_WORK_4_WEEKS;
import static nl.regiopool.cao.RuleParameter.MAX_NIGHT_SHIFT_WORK;
import static nl.regiopool.cao.RuleParameter.MAX_SHIFT_WORK;
import static nl.regiopool.cao.RuleParameter.MAX_WEEK_WORK;
import static nl.regiopool.cao.RuleParameter.MIN_DAILY_REST;
import static nl.regiopool.cao.RuleParameter.MIN_WEEKLY_REST;
import static nl.regiopool.cao.RuleParameter.REDUCED_DAILY_REST;
import static nl.regiopool.cao.RuleParameter.REDUCED_DAILY_REST_PERIOD;
import static nl.regiopool.cao.RuleParameter.SURCHARGE_WINDOWS;
import static nl.regiopool.cao.RuleParameter.WEEKLY_REST_PERIOD;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/**
 * The public rule sets every cooperative starts with. Only figures from public texts, each with its source;
 * nothing here is invented. A cooperative configures other CAOs (VVT, hospitals) itself.
 */
public final class SeededRuleSets {

    private static final String ATW = "Arbeidstijdenwet (BWBR0007671), as simplified per 1 April 2007, ";

    /**
     * The Working Hours Act for adult workers (18+). Not seeded, because not (yet) checked by the engine: the
     * longer rests after night shifts, the number of night shifts per 16 weeks, the 5 &times; 12 h night-shift
     * exception and the one-off shortening of the weekly rest.
     */
    public static final RuleSetVersion ATW_2007 = RuleSetVersion.builder("ATW", LocalDate.of(2007, 4, 1))
            .set(MAX_SHIFT_WORK, Duration.ofHours(12),
                    ATW + "art. 5:7 lid 1: ten hoogste 12 uren arbeid per dienst")
            .set(MAX_WEEK_WORK, Duration.ofHours(60),
                    ATW + "art. 5:7 lid 1: ten hoogste 60 uren arbeid per week")
            .set(MAX_AVG_WEEK_WORK_4_WEEKS, Duration.ofHours(55),
                    ATW + "art. 5:7 lid 2: in elke periode van 4 achtereenvolgende weken gemiddeld ten hoogste"
                            + " 55 uren per week")
            .set(MAX_AVG_WEEK_WORK_16_WEEKS, Duration.ofHours(48),
                    ATW + "art. 5:7 lid 3: in elke periode van 16 achtereenvolgende weken gemiddeld ten hoogste"
                            + " 48 uren per week")
            .set(MIN_DAILY_REST, Duration.ofHours(11),
                    ATW + "art. 5:3 lid 1: in elke periode van 24 uur een onafgebroken rust van ten minste 11 uren")
            .set(REDUCED_DAILY_REST, Duration.ofHours(8),
                    ATW + "art. 5:3 lid 1: eenmaal in elke periode van 7 maal 24 uur in te korten tot ten minste"
                            + " 8 uren")
            .set(REDUCED_DAILY_REST_PERIOD, Duration.ofHours(7 * 24),
                    ATW + "art. 5:3 lid 1: eenmaal in elke periode van 7 maal 24 uur")
            .set(MIN_WEEKLY_REST, Duration.ofHours(36),
                    ATW + "art. 5:5 lid 1 onder a: in elke periode van 7 maal 24 uur een onafgebroken rust van"
                            + " ten minste 36 uren")
            .set(WEEKLY_REST_PERIOD, Duration.ofHours(7 * 24),
                    ATW + "art. 5:5 lid 1 onder a: in elke periode van 7 maal 24 uur")
            .set(ALT_WEEKLY_REST_TOTAL, Duration.ofHours(72),
                    ATW + "art. 5:5 lid 1 onder b: in elke periode van 14 maal 24 uur een rust van ten minste"
                            + " 72 uren")
            .set(ALT_WEEKLY_REST_PERIOD, Duration.ofHours(14 * 24),
                    ATW + "art. 5:5 lid 1 onder b: in elke periode van 14 maal 24 uur")
            .set(ALT_WEEKLY_REST_MIN_BLOCK, Duration.ofHours(32),
                    ATW + "art. 5:5 lid 1 onder b: te splitsen in perioden van ten minste 32 uren")
            .set(BREAK_RULES, List.of(
                            new BreakRule(Duration.ofMinutes(330), Duration.ofMinutes(30)),
                            new BreakRule(Duration.ofHours(10), Duration.ofMinutes(45))),
                    ATW + "art. 5:4 lid 1 en 2: meer dan 5,5 uren arbeid per dienst: pauze van ten minste"
                            + " 30 minuten; meer dan 10 uren: ten minste 45 minuten (splitsbaar in pauzes van"
                            + " ten minste 15 minuten)")
            .set(MAX_NIGHT_SHIFT_WORK, Duration.ofHours(10),
                    ATW + "art. 5:8 lid 1 onder a: ten hoogste 10 uren arbeid per nachtdienst; nachtdienst per"
                            + " art. 1:7: een dienst waarin meer dan een uur arbeid wordt verricht tussen 0.00 en"
                            + " 6.00 uur")
            .build();

    /**
     * CAO Huisartsenzorg (day practices), from 2017. Extends {@link #ATW_2007} and adds only the weekday evening
     * surcharge: 30% for work after 20:00 on weekdays. The 18:00&ndash;20:00 weekday surcharge ended on
     * 1 July 2014 for new staff; its transitional arrangement fell to 0% in 2017, hence this version starts on
     * 1 January 2017. Seeded from 20:00 to 24:00 only: surcharges for night hours after midnight, weekends and
     * public holidays are NOT seeded because we could not verify them against the CAO text; a cooperative
     * configures them from the CAO in force. Max loan length and notice period are not seeded for the same reason.
     */
    public static final RuleSetVersion CAO_HUISARTSENZORG_2017 =
            RuleSetVersion.builder("CAO_HUISARTSENZORG", LocalDate.of(2017, 1, 1))
                    .extendsVersion(ATW_2007)
                    .set(SURCHARGE_WINDOWS, List.of(new SurchargeWindow(
                                    EnumSet.of(DayType.MONDAY, DayType.TUESDAY, DayType.WEDNESDAY, DayType.THURSDAY,
                                            DayType.FRIDAY),
                                    LocalTime.of(20, 0), LocalTime.MIDNIGHT, new BigDecimal("30"))),
                            "CAO Huisartsenzorg, toeslag werken buiten gebruikelijke werktijden (dagpraktijk):"
                                    + " op werkdagen na 20.00 uur 30%; de toeslag voor 18.00-20.00 uur is per"
                                    + " 1 juli 2014 vervallen en via een overgangsregeling afgebouwd tot 0% in 2017"
                                    + " (cao-akkoord 2014, CNV Publieke Zaak 2 april 2014)")
                    .build();

    /** Both seeded versions, parent first. */
    public static final List<RuleSetVersion> ALL = List.of(ATW_2007, CAO_HUISARTSENZORG_2017);

    private SeededRuleSets() {
    }
}
