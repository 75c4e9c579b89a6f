package nl.regiopool.cao;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A worker's shifts as a time line: the union of the shifts' intervals ("work blocks"; a break inside a shift
 * is not rest) and the rest periods between them. Rest inside a window is the window minus the work blocks;
 * rest at a window's edge is cut off at the edge.
 */
final class Timeline {

    /** A rest period {@code [from, to)}. */
    record Rest(Instant from, Instant to) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    private final List<Shift> shifts;
    private final List<Instant[]> blocks = new ArrayList<>();

    Timeline(List<Shift> shifts) {
        this.shifts = shifts.stream().sorted(Comparator.comparing(Shift::startsAt)).toList();
        for (Shift s : this.shifts) {
            Instant[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && !s.startsAt().isAfter(last[1])) {
                if (s.endsAt().isAfter(last[1])) {
                    last[1] = s.endsAt();
                }
            } else {
                blocks.add(new Instant[] {s.startsAt(), s.endsAt()});
            }
        }
    }

    List<Shift> shifts() {
        return shifts;
    }

    /** Shifts that overlap {@code [from, to)}. */
    List<Shift> shiftsIn(Instant from, Instant to) {
        return shifts.stream().filter(s -> s.overlaps(from, to)).toList();
    }

    /** Rest periods inside {@code [from, to)}, in time order, cut off at the window's edges. */
    List<Rest> restsIn(Instant from, Instant to) {
        List<Rest> rests = new ArrayList<>();
        Instant cursor = from;
        for (Instant[] b : blocks) {
            if (!b[1].isAfter(cursor)) {
                continue;
            }
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
}
