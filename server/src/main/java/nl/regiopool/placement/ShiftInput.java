package nl.regiopool.placement;

import java.time.Duration;
import java.time.OffsetDateTime;
import nl.regiopool.problem.ProblemException;

/** The checks every shift in a request passes before any rule runs: borrowed shifts and home shifts alike. */
final class ShiftInput {

    private ShiftInput() {
    }

    /** End after start, and a break shorter than the shift; 422 naming the fields otherwise. */
    static void requireShape(OffsetDateTime startsAt, OffsetDateTime endsAt, Integer breakMinutes, String prefix) {
        String end = prefix.isEmpty() ? "endsAt" : prefix + "EndsAt";
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.invalid(end, "OUT_OF_RANGE", "The shift must end after it starts.");
        }
        if (Duration.between(startsAt, endsAt).compareTo(Duration.ofHours(24)) > 0) {
            throw ProblemException.invalid(end, "OUT_OF_RANGE", "A shift lasts at most 24 hours.");
        }
        if (breakMinutes != null && Duration.ofMinutes(breakMinutes).compareTo(Duration.between(startsAt, endsAt)) >= 0) {
            throw ProblemException.invalid("breakMinutes", "OUT_OF_RANGE", "The break must be shorter than the shift.");
        }
    }

    /** A break left out is no break. */
    static int orZero(Integer minutes) {
        return minutes == null ? 0 : minutes;
    }
}
