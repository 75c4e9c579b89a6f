package nl.regiopool.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;

/**
 * When a worker is available, as it stated it: a weekly pattern of local-time windows plus dated exceptions.
 * On a date, the available minutes are the pattern's windows for its weekday, plus the windows of the
 * {@code AVAILABLE} exceptions on that date (the whole day when one has none), minus those of the
 * {@code UNAVAILABLE} exceptions (the whole day when one has none): unavailable wins. A worker that never
 * stated anything ({@link #UNSTATED}) is taken to be available at any time, so matching never excludes a
 * worker for saying nothing. Pure: values in, values out.
 */
public record Availability(boolean stated, List<Window> weekly, List<DatedException> exceptions) {

    public static final int DAY_MINUTES = 24 * 60;

    public static final Availability UNSTATED = new Availability(false, List.of(), List.of());

    /** Minutes of the day, {@code start} inclusive, {@code end} exclusive (1440 = the end of the day). */
    public record Minutes(int start, int end) {
        public Minutes {
            if (start < 0 || end > DAY_MINUTES || start >= end) {
                throw new IllegalArgumentException("not a window of the day: " + start + "-" + end);
            }
        }

        public static final Minutes WHOLE_DAY = new Minutes(0, DAY_MINUTES);

        boolean overlaps(Minutes other) {
            return start < other.end && other.start < end;
        }
    }

    /** A window of the weekly pattern. */
    public record Window(DayOfWeek weekday, Minutes minutes) {
    }

    /** Available or not on the dates {@code from} to {@code to} (inclusive): in the windows, or the whole day. */
    public record DatedException(boolean available, LocalDate from, LocalDate to, List<Minutes> windows) {
        public DatedException {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("exception ends before it starts");
            }
            windows = List.copyOf(windows);
        }

        boolean appliesOn(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    public Availability {
        weekly = List.copyOf(weekly);
        exceptions = List.copyOf(exceptions);
    }

    public static Availability of(List<Window> weekly, List<DatedException> exceptions) {
        return new Availability(true, weekly, exceptions);
    }

    /** Whether the worker is available for the whole of [start, end), local date-times; false when end is not after start. */
    public boolean covers(LocalDateTime start, LocalDateTime end) {
        if (!end.isAfter(start)) {
            return false;
        }
        if (!stated) {
            return true;
        }
        LocalDate last = end.minusNanos(1).toLocalDate();
        for (LocalDate date = start.toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            int from = date.equals(start.toLocalDate()) ? minuteOf(start, false) : 0;
            int to = date.equals(end.toLocalDate()) ? minuteOf(end, true) : DAY_MINUTES;
            BitSet available = availableOn(date);
            if (available.nextClearBit(from) < to) {
                return false;
            }
        }
        return true;
    }

    /** {@link #covers(LocalDateTime, LocalDateTime)} for instants, seen in the cooperative's time zone. */
    public boolean covers(Instant start, Instant end, ZoneId zone) {
        return covers(LocalDateTime.ofInstant(start, zone), LocalDateTime.ofInstant(end, zone));
    }

    /** The available minutes of the date (bit m set: available from minute m to m + 1). */
    public BitSet availableOn(LocalDate date) {
        BitSet minutes = new BitSet(DAY_MINUTES);
        if (!stated) {
            minutes.set(0, DAY_MINUTES);
            return minutes;
        }
        for (Window window : weekly) {
            if (window.weekday() == date.getDayOfWeek()) {
                minutes.set(window.minutes().start(), window.minutes().end());
            }
        }
        for (DatedException exception : exceptions) {
            if (exception.available() && exception.appliesOn(date)) {
                windowsOrWholeDay(exception).forEach(w -> minutes.set(w.start(), w.end()));
            }
        }
        for (DatedException exception : exceptions) {
            if (!exception.available() && exception.appliesOn(date)) {
                windowsOrWholeDay(exception).forEach(w -> minutes.clear(w.start(), w.end()));
            }
        }
        return minutes;
    }

    private static List<Minutes> windowsOrWholeDay(DatedException exception) {
        return exception.windows().isEmpty() ? List.of(Minutes.WHOLE_DAY) : exception.windows();
    }

    /** The minute of the day; a start inside a minute counts from that minute, an end inside one up to its end. */
    private static int minuteOf(LocalDateTime time, boolean roundUp) {
        int minute = time.getHour() * 60 + time.getMinute();
        boolean partial = time.getSecond() > 0 || time.getNano() > 0;
        return roundUp && partial ? minute + 1 : minute;
    }
}
