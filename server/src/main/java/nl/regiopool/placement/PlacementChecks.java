package nl.regiopool.placement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.api.model.RuleViolation;
import nl.regiopool.ruleset.CaoRuleSetDao;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.cao.SeededRuleSets;
import nl.regiopool.cao.Shift;
import nl.regiopool.cao.Violation;
import nl.regiopool.cao.Weeks;
import nl.regiopool.cao.WorkingTimeRules;
import org.jdbi.v3.core.Handle;

/**
 * Every rule a borrowed shift must meet. Hard rules (the agreement and the qualification) cannot be overridden:
 * without them there is no basis for the placement at all. Working-time rules and the agreement's hours per
 * week can be overridden by a coop_admin with a reason. The working-time part ({@link #workingTime}) is also what
 * ranking a staffing request's candidates runs for each shift as if it were placed.
 */
public final class PlacementChecks {

    /** The worker's other shifts are read this far either side: enough for the 16-week averages. */
    public static final Duration HORIZON = Duration.ofDays(17 * 7);

    private PlacementChecks() {
    }

    /**
     * What the checks found. {@code others} are the worker's other shifts, so that a violation can be shown to a
     * member without the details (times) of shifts that member may not see.
     */
    record Verdict(List<RuleViolation> hard, List<RuleViolation> overridable, Map<UUID, PlacementDao.OtherShift> others) {
        List<RuleViolation> all() {
            List<RuleViolation> all = new ArrayList<>(hard);
            all.addAll(overridable);
            return all;
        }

        /**
         * The verdict as a member sees it (null: an admin, who sees all): a violation that involves a shift the
         * member may not see (another member's home shift or placement) keeps its code, limit, actual and ids,
         * but not the engine's message, which gives local times.
         */
        Verdict forViewer(UUID viewer) {
            if (viewer == null) {
                return this;
            }
            return new Verdict(redact(hard, viewer), redact(overridable, viewer), others);
        }

        private List<RuleViolation> redact(List<RuleViolation> violations, UUID viewer) {
            return violations.stream().map(v -> v.getEntityIds().stream().map(others::get)
                    .anyMatch(row -> row != null && !viewer.equals(row.employerMemberId())
                            && !viewer.equals(row.borrowerMemberId()))
                    ? new RuleViolation(v.getCode(), "Together with the worker's other work (shown by id only) the"
                            + " shift breaks " + v.getCode() + ".").limit(v.getLimit()).actual(v.getActual())
                            .entityIds(v.getEntityIds())
                    : v).toList();
        }
    }

    /**
     * The worker's shifts the checks of {@code candidate} need: those that are not cancelled and meet the
     * candidate's time {@link #HORIZON} either side. The overlap check and the working-time rules read them.
     */
    static List<PlacementDao.OtherShift> around(Handle handle, UUID workerId, Shift candidate) {
        return PlacementDao.shiftsAround(handle, workerId, candidate.startsAt().minus(HORIZON),
                candidate.endsAt().plus(HORIZON));
    }

    /** Another non-cancelled shift among {@code shifts} (the first by start) that overlaps the candidate. */
    static Optional<UUID> overlapping(List<PlacementDao.OtherShift> shifts, Shift candidate) {
        return shifts.stream().filter(row -> !row.id().equals(candidate.id()))
                .filter(row -> row.overlaps(candidate.startsAt(), candidate.endsAt()))
                .map(PlacementDao.OtherShift::id).findFirst();
    }

    /**
     * The checks for a shift of {@code candidate} under the agreement; the candidate may exist already.
     * {@code shifts} are the worker's shifts {@link #around} the candidate.
     */
    static Verdict check(Handle handle, PlacementDao.Placing placing, Shift candidate,
                         List<PlacementDao.OtherShift> shifts) {
        PlacementDao.Agreement agreement = placing.agreement();
        ZoneId zone = placing.zone();
        List<RuleViolation> hard = new ArrayList<>();
        LocalDate firstDay = candidate.startsAt().atZone(zone).toLocalDate();
        LocalDate lastDay = candidate.endsAt().minusNanos(1).atZone(zone).toLocalDate();
        if (agreement.status() != LoanAgreementStatus.ACTIVE) {
            hard.add(new RuleViolation("AGREEMENT_NOT_ACTIVE", "The agreement is " + agreement.status()
                    + "; shifts are placed only under an ACTIVE agreement.")
                    .limit(LoanAgreementStatus.ACTIVE.toString()).actual(agreement.status().toString())
                    .entityIds(List.of(agreement.id())));
        }
        if (agreement.startDate() != null && (firstDay.isBefore(agreement.startDate())
                || (agreement.endDate() != null && lastDay.isAfter(agreement.endDate())))) {
            hard.add(new RuleViolation("PLACEMENT_OUTSIDE_AGREEMENT", "The shift lies outside the agreement's period.")
                    .limit(agreement.startDate() + " to " + (agreement.endDate() == null ? "open end" : agreement.endDate()))
                    .actual(firstDay + " to " + lastDay).entityIds(List.of(agreement.id(), candidate.id())));
        }
        if (!placing.qualifiedOn(firstDay)) {
            hard.add(new RuleViolation("ROLE_NOT_QUALIFIED", "The worker holds no qualification as "
                    + agreement.role() + " valid on " + firstDay + ".")
                    .limit(agreement.role()).actual("none valid on " + firstDay)
                    .entityIds(List.of(agreement.workerId())));
        }
        List<PlacementDao.OtherShift> others = shifts.stream().filter(PlacementDao.OtherShift::worked)
                .filter(row -> !row.id().equals(candidate.id())).toList();
        List<RuleViolation> overridable = new ArrayList<>(weekHours(zone, agreement, candidate, others));
        overridable.addAll(workingTime(rules(handle, agreement.caoRuleSetCode(), firstDay), zone, candidate,
                others.stream().map(PlacementChecks::shift).toList()));
        Map<UUID, PlacementDao.OtherShift> byId = new HashMap<>();
        others.forEach(row -> byId.put(row.id(), row));
        return new Verdict(hard, overridable, byId);
    }

    /** The rule set version that applies on the day: the named rule set's, else the cooperative's ATW, else the seeded ATW. */
    public static RuleSetVersion rules(Handle handle, String caoRuleSetCode, LocalDate day) {
        return CaoRuleSetDao.resolveOrFallback(handle, caoRuleSetCode, day).orElse(SeededRuleSets.ATW_2007);
    }

    /**
     * The Working Hours Act / CAO rules over the worker's worked shifts with {@code candidate} added, as
     * violations the API shows. {@code others} are the worker's other worked shifts (not cancelled, not no-shows)
     * around the candidate.
     */
    public static List<RuleViolation> workingTime(RuleSetVersion rules, ZoneId zone, Shift candidate, List<Shift> others) {
        return WorkingTimeRules.check(rules, zone, candidate, others).stream().map(PlacementChecks::violation).toList();
    }

    /**
     * {@link #workingTime} for each of several shifts placed together: each is checked against {@code others} and
     * the other candidates. Element i of the answer belongs to {@code candidates[i]}.
     */
    public static List<List<RuleViolation>> workingTimeEach(RuleSetVersion rules, ZoneId zone, List<Shift> candidates,
                                                            List<Shift> others) {
        return WorkingTimeRules.checkEach(rules, zone, candidates, others).stream()
                .map(found -> found.stream().map(PlacementChecks::violation).toList()).toList();
    }

    /** The week's placements under the agreement, this one included, fit its hours per week (ISO weeks, local). */
    private static List<RuleViolation> weekHours(ZoneId zone, PlacementDao.Agreement agreement, Shift candidate,
                                                 List<PlacementDao.OtherShift> others) {
        if (agreement.hoursPerWeek() == null) {
            return List.of();
        }
        Duration limit = Duration.ofHours(agreement.hoursPerWeek());
        List<Shift> sameAgreement = others.stream().filter(row -> agreement.id().equals(row.agreementId()))
                .map(PlacementChecks::shift).toList();
        for (LocalDate monday : Weeks.mondaysTouched(candidate, zone)) {
            Duration total = Weeks.workedInWeek(candidate, monday, zone);
            List<UUID> ids = new ArrayList<>();
            for (Shift other : sameAgreement) {
                Duration part = Weeks.workedInWeek(other, monday, zone);
                if (!part.isZero()) {
                    total = total.plus(part);
                    ids.add(other.id());
                }
            }
            if (total.compareTo(limit) > 0) {
                ids.add(candidate.id());
                return List.of(new RuleViolation("AGREEMENT_WEEK_HOURS", "In the week of " + monday
                        + " the placements under the agreement add up to more than its hours per week.")
                        .limit(hours(limit)).actual(hours(total)).entityIds(ids));
            }
        }
        return List.of();
    }

    static Shift shift(PlacementDao.OtherShift row) {
        PlacementRow.WorkedTime worked = row.workedTime();
        return new Shift(row.id(), worked.startsAt().toInstant(), worked.endsAt().toInstant(), worked.breakMinutes(),
                row.kind());
    }

    static RuleViolation violation(Violation v) {
        return new RuleViolation(v.code().name(), v.message()).limit(v.limit()).actual(v.actual())
                .entityIds(v.shiftIds());
    }

    private static String hours(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " h";
    }
}
