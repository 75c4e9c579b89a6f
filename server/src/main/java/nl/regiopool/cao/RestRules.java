package nl.regiopool.cao;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Daily rest (ATW art. 5:3) and weekly rest (art. 5:5), checked over windows that start at a shift's start.
 *
 * <p>Why windows anchored at shift starts: the law asks for a rest "in elke periode van 24 uur". Read over
 * windows starting at any instant, with rest cut off at the window's edges, an ordinary 09:00-17:00 day would
 * fail (the 24 h from 01:00 hold 8 h rest before 09:00 and 8 h after 17:00). The period counts from the start
 * of work; the shortest longest-rest is found at windows starting at a shift boundary. Rest is cut off at the
 * window's end, so the 24 h from 07:00 hold the rest up to 07:00 next day "whatever the next day holds".
 */
final class RestRules {

    private RestRules() {
    }

    /** A window {@code [from, from + length)} and its longest rest. */
    private record Window(Instant from, Instant to, Timeline.Rest longest, List<Shift> shifts) {
        boolean contains(Shift s) {
            return s.overlaps(from, to);
        }
    }

    private static List<Window> windows(Timeline timeline, Duration length, Instant anchorFrom, Instant anchorTo) {
        Set<Instant> anchors = new LinkedHashSet<>();
        for (Shift s : timeline.shiftsStartingBetween(anchorFrom, anchorTo)) {
            anchors.add(s.startsAt());
        }
        List<Window> windows = new ArrayList<>();
        for (Instant a : anchors) {
            Instant to = a.plus(length);
            windows.add(new Window(a, to, timeline.longestRestIn(a, to), timeline.shiftsIn(a, to)));
        }
        return windows;
    }

    /**
     * In every 24 h from a shift start there is an uninterrupted rest of at least {@code MIN_DAILY_REST}
     * (11 h); it may be {@code REDUCED_DAILY_REST} (8 h) instead, once in every {@code REDUCED_DAILY_REST_PERIOD}
     * (7&times;24 h). Violations: a window whose longest rest is shorter than the reduced minimum (the shortest
     * such is reported), or else two reduced rests less than 7&times;24 h apart. A reduced rest is identified by
     * the rest period itself (its start), so the windows that share one short night count it once; two reduced
     * rests are less than 7&times;24 h apart when their starts are. Only windows that contain the candidate count,
     * and for a pair of reductions at least one of the two windows.
     */
    static Optional<Violation> dailyRest(RuleSetVersion rules, ZoneId zone, Shift candidate, Timeline timeline) {
        Optional<Sourced<Duration>> min = rules.find(RuleParameter.MIN_DAILY_REST);
        if (min.isEmpty()) {
            return Optional.empty();
        }
        Duration day = Duration.ofHours(24);
        Duration minRest = min.get().value();
        Duration reduced = rules.find(RuleParameter.REDUCED_DAILY_REST).map(Sourced::value).orElse(minRest);
        Duration period = rules.find(RuleParameter.REDUCED_DAILY_REST_PERIOD).map(Sourced::value)
                .orElse(Duration.ZERO);
        String source = min.get().source();
        String limit = reduced.equals(minRest) ? Texts.hours(minRest)
                : Texts.hours(minRest) + " (" + Texts.hours(reduced) + " once per " + Texts.hours(period) + ")";

        // Windows that could pair with a window containing the candidate lie within a period around it.
        List<Window> windows = windows(timeline, day,
                candidate.startsAt().minus(day.multipliedBy(2)).minus(period),
                candidate.endsAt().plus(day).plus(period));
        Window shortest = null;
        for (Window w : windows) {
            if (w.contains(candidate) && w.longest().length().compareTo(reduced) < 0
                    && (shortest == null || w.longest().length().compareTo(shortest.longest().length()) < 0)) {
                shortest = w;
            }
        }
        if (shortest != null) {
            Duration rest = shortest.longest().length();
            return Optional.of(new Violation(ViolationCode.ATW_MIN_DAILY_REST,
                    "In the 24 h from " + Texts.local(shortest.from(), zone) + " the longest uninterrupted rest is "
                            + Texts.hours(rest) + "; at least " + Texts.hours(minRest)
                            + (reduced.equals(minRest) ? "" : ", or " + Texts.hours(reduced) + " once per "
                            + Texts.hours(period)) + ", is required.",
                    limit, Texts.hours(rest), Texts.ids(shortest.shifts()), source));
        }
        if (reduced.equals(minRest)) {
            return Optional.empty();
        }
        List<Window> reducedWindows = windows.stream()
                .filter(w -> w.longest().length().compareTo(minRest) < 0).toList();
        for (int i = 0; i < reducedWindows.size(); i++) {
            for (int j = i + 1; j < reducedWindows.size(); j++) {
                Window a = reducedWindows.get(i);
                Window b = reducedWindows.get(j);
                Instant restA = a.longest().from();
                Instant restB = b.longest().from();
                boolean distinct = !restA.equals(restB);
                boolean close = Duration.between(restA, restB).abs().compareTo(period) < 0;
                if (distinct && close && (a.contains(candidate) || b.contains(candidate))) {
                    List<Shift> involved = new ArrayList<>(a.shifts());
                    involved.addAll(b.shifts());
                    Window later = restA.isBefore(restB) ? b : a;
                    Window earlier = later == a ? b : a;
                    return Optional.of(new Violation(ViolationCode.ATW_MIN_DAILY_REST,
                            "Two reduced daily rests less than " + Texts.hours(period) + " apart: "
                                    + Texts.hours(earlier.longest().length()) + " from "
                                    + Texts.local(earlier.longest().from(), zone) + " and "
                                    + Texts.hours(later.longest().length()) + " from "
                                    + Texts.local(later.longest().from(), zone) + "; the rest of "
                                    + Texts.hours(minRest) + " may be reduced to " + Texts.hours(reduced)
                                    + " only once per " + Texts.hours(period) + ".",
                            limit, Texts.hours(later.longest().length()) + " (second reduced rest)",
                            Texts.ids(involved), source));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Weekly rest: in every 7&times;24 h an uninterrupted rest of at least {@code MIN_WEEKLY_REST} (36 h), or in
     * every 14&times;24 h at least {@code ALT_WEEKLY_REST_TOTAL} (72 h) of rest counted in blocks of at least
     * {@code ALT_WEEKLY_REST_MIN_BLOCK} (32 h). The employer may organise either way, so a violation needs both
     * to fail: a 7&times;24 h window and a 14&times;24 h window, each starting at a shift start and containing
     * the candidate. The worst of each is reported.
     */
    static Optional<Violation> weeklyRest(RuleSetVersion rules, ZoneId zone, Shift candidate, Timeline timeline) {
        Optional<Sourced<Duration>> min = rules.find(RuleParameter.MIN_WEEKLY_REST);
        Optional<Sourced<Duration>> period = rules.find(RuleParameter.WEEKLY_REST_PERIOD);
        if (min.isEmpty() || period.isEmpty()) {
            return Optional.empty();
        }
        Window worstA = null;
        for (Window w : candidateWindows(timeline, candidate, period.get().value())) {
            if (w.longest().length().compareTo(min.get().value()) < 0
                    && (worstA == null || w.longest().length().compareTo(worstA.longest().length()) < 0)) {
                worstA = w;
            }
        }
        if (worstA == null) {
            return Optional.empty();
        }
        Optional<Sourced<Duration>> altTotal = rules.find(RuleParameter.ALT_WEEKLY_REST_TOTAL);
        Optional<Sourced<Duration>> altPeriod = rules.find(RuleParameter.ALT_WEEKLY_REST_PERIOD);
        Optional<Sourced<Duration>> altBlock = rules.find(RuleParameter.ALT_WEEKLY_REST_MIN_BLOCK);
        String limit = Texts.hours(min.get().value()) + " uninterrupted per " + Texts.hours(period.get().value());
        String actual = Texts.hours(worstA.longest().length()) + " longest rest";
        String message = "In the " + Texts.hours(period.get().value()) + " from " + Texts.local(worstA.from(), zone)
                + " the longest uninterrupted rest is " + Texts.hours(worstA.longest().length()) + "; at least "
                + Texts.hours(min.get().value()) + " is required";
        if (altTotal.isPresent() && altPeriod.isPresent() && altBlock.isPresent()) {
            Duration block = altBlock.get().value();
            Instant worstBFrom = null;
            Duration worstB = null;
            for (Window w : candidateWindows(timeline, candidate, altPeriod.get().value())) {
                Duration counted = timeline.restsIn(w.from(), w.to()).stream().map(Timeline.Rest::length)
                        .filter(d -> d.compareTo(block) >= 0).reduce(Duration.ZERO, Duration::plus);
                if (counted.compareTo(altTotal.get().value()) < 0 && (worstB == null || counted.compareTo(worstB) < 0)) {
                    worstB = counted;
                    worstBFrom = w.from();
                }
            }
            if (worstB == null) {
                return Optional.empty();
            }
            limit += ", or " + Texts.hours(altTotal.get().value()) + " per " + Texts.hours(altPeriod.get().value())
                    + " in blocks of at least " + Texts.hours(block);
            actual += "; " + Texts.hours(worstB) + " in blocks of at least " + Texts.hours(block);
            message += ", and in the " + Texts.hours(altPeriod.get().value()) + " from "
                    + Texts.local(worstBFrom, zone) + " only " + Texts.hours(worstB) + " of rest comes in blocks of at"
                    + " least " + Texts.hours(block) + " (" + Texts.hours(altTotal.get().value()) + " required)";
        }
        return Optional.of(new Violation(ViolationCode.ATW_MIN_WEEKLY_REST, message + ".", limit, actual,
                Texts.ids(worstA.shifts()), min.get().source()));
    }

    private static List<Window> candidateWindows(Timeline timeline, Shift candidate, Duration length) {
        return windows(timeline, length, candidate.startsAt().minus(length), candidate.endsAt()).stream()
                .filter(w -> w.contains(candidate)).toList();
    }
}
