package nl.regiopool.cao;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's shifts as a time line: the union of the shifts' intervals ("work blocks"; a break inside a shift
 * is not rest) and the rest periods between them. Rest inside a window is the window minus the work blocks;
 * rest at a window's edge is cut off at the edge.
 *
 * <p>The shifts and blocks are kept in start order and found by binary search, and the worked time per ISO week
 * is remembered: ranking a pool checks every shift of a request against one worker's time line, and each check
 * reads the same weeks again.
 */
final class Timeline {

    /** A rest period {@code [from, to)}. */
    record Rest(Instant from, Instant to) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    private final ZoneId zone;
    private final List<Shift> shifts;
    /** The shifts' starts in epoch seconds (shift instants are whole seconds), in the order of {@link #shifts}. */
    private final long[] starts;
    private final long longestShiftSeconds;
    private final List<Instant[]> blocks = new ArrayList<>();
    private final Map<LocalDate, Instant> weekStarts = new HashMap<>();
    private final Map<LocalDate, Long> weekSeconds = new HashMap<>();

    Timeline(List<Shift> shifts, ZoneId zone) {
        this.zone = zone;
        this.shifts = shifts.stream().sorted(Comparator.comparing(Shift::startsAt)).toList();
        this.starts = new long[this.shifts.size()];
        long longest = 0;
        for (int i = 0; i < starts.length; i++) {
            Shift s = this.shifts.get(i);
            starts[i] = s.startsAt().getEpochSecond();
            longest = Math.max(longest, s.elapsedSeconds());
            Instant[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && !s.startsAt().isAfter(last[1])) {
                if (s.endsAt().isAfter(last[1])) {
                    last[1] = s.endsAt();
                }
            } else {
                blocks.add(new Instant[] {s.startsAt(), s.endsAt()});
            }
        }
        this.longestShiftSeconds = longest;
    }

    /** Shifts that overlap {@code [from, to)}, in start order. */
    List<Shift> shiftsIn(Instant from, Instant to) {
        List<Shift> in = new ArrayList<>();
        for (int i = firstThatMayReach(from); i < starts.length && starts[i] <= to.getEpochSecond(); i++) {
            Shift s = shifts.get(i);
            if (s.overlaps(from, to)) {
                in.add(s);
            }
        }
        return in;
    }

    /** Shifts that start inside the open interval {@code (after, before)}, in start order. */
    List<Shift> shiftsStartingBetween(Instant after, Instant before) {
        List<Shift> starting = new ArrayList<>();
        for (int i = firstStartingFrom(after.getEpochSecond()); i < starts.length
                && starts[i] <= before.getEpochSecond(); i++) {
            Shift s = shifts.get(i);
            if (s.startsAt().isAfter(after) && s.startsAt().isBefore(before)) {
                starting.add(s);
            }
        }
        return starting;
    }

    /** Worked seconds inside the ISO week of {@code monday}, in the time line's zone. */
    long workedSecondsInWeek(LocalDate monday) {
        Long known = weekSeconds.get(monday);
        if (known != null) {
            return known;
        }
        long seconds = workedSecondsIn(weekStart(monday), weekStart(monday.plusWeeks(1)));
        weekSeconds.put(monday, seconds);
        return seconds;
    }

    /** The instant the ISO week of {@code monday} starts, in the time line's zone. */
    Instant weekStart(LocalDate monday) {
        return weekStarts.computeIfAbsent(monday, day -> Weeks.start(day, zone));
    }

    private long workedSecondsIn(Instant from, Instant to) {
        long total = 0;
        for (int i = firstThatMayReach(from); i < starts.length && starts[i] <= to.getEpochSecond(); i++) {
            total += shifts.get(i).workedSecondsWithin(from, to);
        }
        return total;
    }

    /** Rest periods inside {@code [from, to)}, in time order, cut off at the window's edges. */
    List<Rest> restsIn(Instant from, Instant to) {
        List<Rest> rests = new ArrayList<>();
        Instant cursor = from;
        for (int i = firstBlockEndingAfter(from); i < blocks.size(); i++) {
            Instant[] b = blocks.get(i);
            if (!b[0].isBefore(to)) {
                break;
            }
            if (b[0].isAfter(cursor)) {
                rests.add(new Rest(cursor, b[0]));
            }
            cursor = b[1];
            if (!cursor.isBefore(to)) {
                return rests;
            }
        }
        if (cursor.isBefore(to)) {
            rests.add(new Rest(cursor, to));
        }
        return rests;
    }

    /** The longest rest inside {@code [from, to)} (the earliest of equals); a zero rest when there is none. */
    Rest longestRestIn(Instant from, Instant to) {
        Rest best = new Rest(from, from);
        for (Rest r : restsIn(from, to)) {
            if (r.length().compareTo(best.length()) > 0) {
                best = r;
            }
        }
        return best;
    }

    /** The index of the first shift that can end after {@code from}: none before it starts late enough to. */
    private int firstThatMayReach(Instant from) {
        return firstStartingFrom(from.getEpochSecond() - longestShiftSeconds - 1);
    }

    /** The index of the first shift whose start (epoch seconds) is at least {@code second}. */
    private int firstStartingFrom(long second) {
        int low = 0;
        int high = starts.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] < second) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The index of the first block that ends after {@code from} (blocks are disjoint and in time order). */
    private int firstBlockEndingAfter(Instant from) {
        int low = 0;
        int high = blocks.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (!blocks.get(mid)[1].isAfter(from)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
