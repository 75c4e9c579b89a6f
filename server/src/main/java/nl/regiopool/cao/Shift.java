package nl.regiopool.cao;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One shift of a worker, as the rule engine sees it.
 *
 * <p>Worked time = (end &minus; start) &minus; break. Instants are truncated to whole seconds (the API carries
 * RFC 3339 instants; sub-second parts have no meaning for working-time law). {@code owner} is opaque to the
 * engine: the caller uses it to tell, for instance, a borrowed placement from a home shift when it renders the
 * shift ids a {@link Violation} names.
 *
 * @param id          identity; a violation lists the ids of the shifts involved
 * @param startsAt    start, inclusive
 * @param endsAt      end, exclusive; after {@code startsAt}
 * @param breakMinutes unpaid break inside the shift, 0 or more and less than the shift's length
 * @param owner       opaque tag of the caller (e.g. "PLACEMENT", "HOME:&lt;memberId&gt;"), may be null
 */
public record Shift(UUID id, Instant startsAt, Instant endsAt, int breakMinutes, String owner) {

    public Shift {
        Objects.requireNonNull(id, "id");
        startsAt = Objects.requireNonNull(startsAt, "startsAt").truncatedTo(ChronoUnit.SECONDS);
        endsAt = Objects.requireNonNull(endsAt, "endsAt").truncatedTo(ChronoUnit.SECONDS);
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("shift " + id + " must end after it starts");
        }
        if (breakMinutes < 0) {
            throw new IllegalArgumentException("shift " + id + " has a negative break");
        }
        if (breakMinutes * 60L >= endsAt.getEpochSecond() - startsAt.getEpochSecond()) {
            throw new IllegalArgumentException("shift " + id + " has a break as long as the shift or longer");
        }
    }

    public Shift(UUID id, Instant startsAt, Instant endsAt, int breakMinutes) {
        this(id, startsAt, endsAt, breakMinutes, null);
    }

    /** Elapsed time from start to end, DST-correct because both ends are instants. */
    public Duration elapsed() {
        return Duration.ofSeconds(elapsedSeconds());
    }

    /** Elapsed seconds from start to end (both are whole seconds). */
    public long elapsedSeconds() {
        return endsAt.getEpochSecond() - startsAt.getEpochSecond();
    }

    /** Worked time: (end &minus; start) &minus; break. */
    public Duration worked() {
        return Duration.ofSeconds(workedSeconds());
    }

    private long workedSeconds() {
        return elapsedSeconds() - breakMinutes * 60L;
    }

    /**
     * Worked time falling inside {@code [from, to)}. The break is apportioned over the shift in proportion to
     * elapsed time (we do not know when the break was taken): worked(from, to) = W(to) &minus; W(from) with
     * W(t) = floor(elapsedUntil(t) &times; worked / elapsed) in seconds. The floors telescope, so the parts of
     * any partition of the time line add up to exactly {@link #worked()}.
     */
    public Duration workedWithin(Instant from, Instant to) {
        return Duration.ofSeconds(workedSecondsWithin(from, to));
    }

    /** {@link #workedWithin} in seconds. */
    public long workedSecondsWithin(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        return cumulativeWorkedSeconds(to) - cumulativeWorkedSeconds(from);
    }

    /** W(t); whole seconds elapsed until {@code t}, which may carry a fraction (dropped, as the start has none). */
    private long cumulativeWorkedSeconds(Instant t) {
        long elapsed = elapsedSeconds();
        long until = Math.max(0, Math.min(elapsed, t.getEpochSecond() - startsAt.getEpochSecond()));
        return Math.floorDiv(Math.multiplyExact(until, workedSeconds()), elapsed);
    }

    /** True when the shift's interval {@code [startsAt, endsAt)} meets {@code [from, to)}. */
    public boolean overlaps(Instant from, Instant to) {
        return startsAt.isBefore(to) && endsAt.isAfter(from);
    }
}
