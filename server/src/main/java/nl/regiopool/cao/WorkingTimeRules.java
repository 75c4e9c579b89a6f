package nl.regiopool.cao;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Working-time rules (Arbeidstijdenwet, and CAOs that override its parameters) over all of a worker's shifts,
 * at every employer.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Worked time</b> of a shift = (end &minus; start) &minus; break. Start and end are instants; local
 *       dates, weekdays and clock times are taken in {@code zone} (normally Europe/Amsterdam), DST-correct: a
 *       22:00-06:00 shift lasts 7 h on the last Sunday of March and 9 h on the last Sunday of October.</li>
 *   <li><b>Break inside a period.</b> We do not know when the break was taken, so it is apportioned over the
 *       shift in proportion to elapsed time ({@link Shift#workedWithin}); the parts of a split shift add up to
 *       its worked time exactly.</li>
 *   <li><b>Shift length</b> ({@link ViolationCode#ATW_MAX_SHIFT_LENGTH}): worked time &gt; {@code
 *       MAX_SHIFT_WORK} (12 h) is a violation; exactly 12 h is allowed.</li>
 *   <li><b>Breaks</b> ({@link ViolationCode#ATW_MIN_BREAK}): a shift with worked time more than a rule's
 *       threshold needs the largest break of the rules it exceeds (more than 5.5 h: 30 min, more than 10 h:
 *       45 min). Only the total break is known, so the split into parts of at least 15 min is not checked.</li>
 *   <li><b>Night shift</b> ({@link ViolationCode#ATW_NIGHT_SHIFT_LENGTH}): a shift with more than 1 h of work
 *       between 00:00 and 06:00 local time ({@link NightShifts}) may have at most {@code MAX_NIGHT_SHIFT_WORK}
 *       (10 h) of worked time.</li>
 *   <li><b>Week</b> ({@link ViolationCode#ATW_MAX_WEEK_HOURS}): a week is the ISO week from Monday 00:00 local
 *       time. The worked time of all shifts falling inside the week is summed; a shift across midnight Sunday
 *       is split at Monday 00:00. Every week the candidate touches is checked.</li>
 *   <li><b>Averages</b> ({@link ViolationCode#ATW_AVG_4_WEEKS}, {@link ViolationCode#ATW_AVG_16_WEEKS}): every
 *       run of 4 / 16 consecutive ISO weeks that contains a week the candidate touches; the total may not
 *       exceed 4 &times; 55 h / 16 &times; 48 h. Weeks without shifts count as 0 h (the caller passes every
 *       shift of the worker in the 16 weeks before and after the candidate).</li>
 *   <li><b>Daily rest</b> ({@link ViolationCode#ATW_MIN_DAILY_REST}): in every 24 h from a shift start there is
 *       an uninterrupted rest of at least 11 h; at least 8 h instead, once in every 7&times;24 h. Rest is time
 *       outside every shift (a break is not rest) and is cut off at the window's end. See {@link RestRules}.</li>
 *   <li><b>Weekly rest</b> ({@link ViolationCode#ATW_MIN_WEEKLY_REST}): 36 h uninterrupted in every 7&times;24 h,
 *       or 72 h in blocks of at least 32 h in every 14&times;24 h; a violation when both fail.</li>
 * </ul>
 *
 * <h2>Which violations are reported</h2>
 * Only violations that involve the candidate: a week, run of weeks or rest window the candidate lies in, or the
 * candidate itself. The other shifts' own pre-existing problems are not the candidate's fault and are not
 * reported (they were reported, or accepted, when those shifts were planned). At most one violation per code is
 * reported, the worst (longest week, shortest rest). Another shift with the candidate's id is ignored, so a
 * changed placement can be re-checked against a list that still holds its old version. Shifts are expected not
 * to overlap (the database refuses overlapping placements); overlapping shifts are summed as given and merged
 * for rest.
 */
public final class WorkingTimeRules {

    /** The cooperative's time zone unless configured otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");

    private WorkingTimeRules() {
    }

    /**
     * The violations the candidate shift causes or takes part in, in the order of {@link ViolationCode}.
     *
     * @param rules       the rule set version in force (with its parents)
     * @param zone        the cooperative's time zone
     * @param candidate   the shift to check (a new or changed placement)
     * @param otherShifts all other shifts of the same worker, at every employer, at least 16 weeks either side
     */
    public static List<Violation> check(RuleSetVersion rules, ZoneId zone, Shift candidate, List<Shift> otherShifts) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(candidate, "candidate");
        List<Shift> all = new ArrayList<>();
        all.add(candidate);
        for (Shift s : otherShifts) {
            if (!s.id().equals(candidate.id())) {
                all.add(s);
            }
        }
        return check(rules, zone, candidate, new Timeline(all, zone));
    }

    /**
     * Each candidate checked as {@link #check(RuleSetVersion, ZoneId, Shift, List)} does, against the other
     * shifts and the other candidates (all of them placed together, as the shifts of one staffing request):
     * element i of the answer is {@code check(rules, zone, candidates[i], otherShifts + the other candidates)}.
     * The candidates share one time line, so its week totals are computed once.
     */
    public static List<List<Violation>> checkEach(RuleSetVersion rules, ZoneId zone, List<Shift> candidates,
                                                  List<Shift> otherShifts) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(zone, "zone");
        Set<UUID> ids = new HashSet<>();
        candidates.forEach(candidate -> ids.add(candidate.id()));
        boolean disjoint = ids.size() == candidates.size()
                && otherShifts.stream().noneMatch(other -> ids.contains(other.id()));
        if (!disjoint) {
            return candidates.stream().map(candidate -> {
                List<Shift> others = new ArrayList<>(otherShifts);
                candidates.stream().filter(other -> other != candidate).forEach(others::add);
                return check(rules, zone, candidate, others);
            }).toList();
        }
        List<Shift> all = new ArrayList<>(candidates);
        all.addAll(otherShifts);
        Timeline timeline = new Timeline(all, zone);
        return candidates.stream().map(candidate -> check(rules, zone, candidate, timeline)).toList();
    }

    private static List<Violation> check(RuleSetVersion rules, ZoneId zone, Shift candidate, Timeline timeline) {
        List<Optional<Violation>> found = List.of(
                ShiftRules.maxShiftLength(rules, candidate),
                WeekRules.maxWeek(rules, zone, candidate, timeline),
                WeekRules.average(rules, zone, candidate, timeline, RuleParameter.MAX_AVG_WEEK_WORK_4_WEEKS, 4,
                        ViolationCode.ATW_AVG_4_WEEKS),
                WeekRules.average(rules, zone, candidate, timeline, RuleParameter.MAX_AVG_WEEK_WORK_16_WEEKS, 16,
                        ViolationCode.ATW_AVG_16_WEEKS),
                RestRules.dailyRest(rules, zone, candidate, timeline),
                RestRules.weeklyRest(rules, zone, candidate, timeline),
                ShiftRules.minBreak(rules, candidate),
                ShiftRules.nightShiftLength(rules, zone, candidate));
        return found.stream().flatMap(Optional::stream).toList();
    }

    /** {@link #check(RuleSetVersion, ZoneId, Shift, List)} in {@link #DEFAULT_ZONE}. */
    public static List<Violation> check(RuleSetVersion rules, Shift candidate, List<Shift> otherShifts) {
        return check(rules, DEFAULT_ZONE, candidate, otherShifts);
    }
}
