package nl.regiopool.availability;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.AvailabilityException;
import nl.regiopool.api.model.AvailabilityExceptionKind;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.IsoWeekday;
import nl.regiopool.api.model.TimeWindow;
import nl.regiopool.api.model.WeeklyWindow;
import nl.regiopool.api.model.WorkerAvailability;
import nl.regiopool.api.model.WorkerAvailabilityReplace;
import nl.regiopool.problem.ProblemException;

/** Availability between the API's shape (local times as {@code HH:mm}), the stored rows and {@link Availability}. */
final class AvailabilityViews {

    private AvailabilityViews() {
    }

    static WorkerAvailability view(UUID workerId, Optional<AvailabilityDao.Stored> stored) {
        if (stored.isEmpty()) {
            return new WorkerAvailability().workerId(workerId).stated(false).weekly(List.of()).exceptions(List.of());
        }
        AvailabilityDao.Stored s = stored.get();
        return new WorkerAvailability().workerId(workerId).stated(true)
                .weekly(s.weekly().stream().map(w -> new WeeklyWindow()
                        .weekday(IsoWeekday.fromValue(DayOfWeek.of(w.isoWeekday()).name()))
                        .from(time(w.startMinute())).to(time(w.endMinute()))).toList())
                .exceptions(s.exceptions().stream().map(AvailabilityViews::exception).toList())
                .updatedAt(s.updatedAt());
    }

    private static AvailabilityException exception(AvailabilityDao.ExceptionRow row) {
        List<TimeWindow> windows = new ArrayList<>();
        for (int i = 0; i + 1 < row.windows().length; i += 2) {
            windows.add(new TimeWindow().from(time(row.windows()[i])).to(time(row.windows()[i + 1])));
        }
        return new AvailabilityException().kind(AvailabilityExceptionKind.fromValue(row.kind()))
                .startDate(row.startDate()).endDate(row.endDate()).windows(windows).note(row.note());
    }

    static Availability availability(Optional<AvailabilityDao.Stored> stored) {
        return stored.map(s -> Availability.of(
                s.weekly().stream().map(w -> new Availability.Window(DayOfWeek.of(w.isoWeekday()),
                        new Availability.Minutes(w.startMinute(), w.endMinute()))).toList(),
                s.exceptions().stream().map(e -> new Availability.DatedException(
                        e.kind().equals(AvailabilityExceptionKind.AVAILABLE.toString()), e.startDate(), e.endDate(),
                        minutes(e.windows()))).toList()))
                .orElse(Availability.UNSTATED);
    }

    private static List<Availability.Minutes> minutes(int[] pairs) {
        List<Availability.Minutes> minutes = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            minutes.add(new Availability.Minutes(pairs[i], pairs[i + 1]));
        }
        return minutes;
    }

    record Rows(List<AvailabilityDao.WindowRow> weekly, List<AvailabilityDao.ExceptionRow> exceptions) {
    }

    /** The rows to store, or 422 with every field error: windows that end before they start or overlap, dates out of order. */
    static Rows rows(WorkerAvailabilityReplace body) {
        List<FieldError> errors = new ArrayList<>();
        List<AvailabilityDao.WindowRow> weekly = new ArrayList<>();
        for (int i = 0; i < body.getWeekly().size(); i++) {
            WeeklyWindow window = body.getWeekly().get(i);
            String field = "weekly[" + i + "]";
            int weekday = DayOfWeek.valueOf(window.getWeekday().toString()).getValue();
            Optional<Availability.Minutes> minutes = minutes(window.getFrom(), window.getTo(), field, errors);
            if (minutes.isEmpty()) {
                continue;
            }
            for (int j = 0; j < weekly.size(); j++) {
                AvailabilityDao.WindowRow other = weekly.get(j);
                if (other.isoWeekday() == weekday
                        && new Availability.Minutes(other.startMinute(), other.endMinute()).overlaps(minutes.get())) {
                    errors.add(new FieldError(field, "OVERLAP", "This window overlaps another window of the same weekday."));
                    break;
                }
            }
            weekly.add(new AvailabilityDao.WindowRow(weekday, minutes.get().start(), minutes.get().end()));
        }
        List<AvailabilityDao.ExceptionRow> exceptions = new ArrayList<>();
        for (int i = 0; i < body.getExceptions().size(); i++) {
            AvailabilityException exception = body.getExceptions().get(i);
            String field = "exceptions[" + i + "]";
            java.time.LocalDate end = exception.getEndDate() == null ? exception.getStartDate() : exception.getEndDate();
            if (end.isBefore(exception.getStartDate())) {
                errors.add(new FieldError(field + ".endDate", "OUT_OF_RANGE", "endDate is on or after startDate."));
            }
            List<Availability.Minutes> windows = new ArrayList<>();
            List<TimeWindow> given = exception.getWindows() == null ? List.of() : exception.getWindows();
            for (int j = 0; j < given.size(); j++) {
                String windowField = field + ".windows[" + j + "]";
                Optional<Availability.Minutes> minutes = minutes(given.get(j).getFrom(), given.get(j).getTo(), windowField,
                        errors);
                if (minutes.isEmpty()) {
                    continue;
                }
                if (windows.stream().anyMatch(other -> other.overlaps(minutes.get()))) {
                    errors.add(new FieldError(windowField, "OVERLAP", "This window overlaps another window of the exception."));
                }
                windows.add(minutes.get());
            }
            int[] pairs = windows.stream().flatMapToInt(w -> java.util.stream.IntStream.of(w.start(), w.end())).toArray();
            exceptions.add(new AvailabilityDao.ExceptionRow(exception.getKind().toString(), exception.getStartDate(), end,
                    pairs, exception.getNote()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Rows(weekly, exceptions);
    }

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");

    private static Optional<Availability.Minutes> minutes(String from, String to, String field, List<FieldError> errors) {
        if (!TIME.matcher(from).matches() || from.equals("24:00")) {
            errors.add(new FieldError(field + ".from", "INVALID_FORMAT", "A local time HH:mm before 24:00."));
            return Optional.empty();
        }
        if (!TIME.matcher(to).matches()) {
            errors.add(new FieldError(field + ".to", "INVALID_FORMAT", "A local time HH:mm, 24:00 at the latest."));
            return Optional.empty();
        }
        int start = minute(from);
        int end = minute(to);
        if (start >= end) {
            errors.add(new FieldError(field + ".to", "OUT_OF_RANGE", "to lies after from on the same day (24:00 at the latest)."));
            return Optional.empty();
        }
        return Optional.of(new Availability.Minutes(start, end));
    }

    /** {@code HH:mm} as the spec's pattern lets it through ({@code 24:00} included) to the minute of the day. */
    static int minute(String time) {
        return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3, 5));
    }

    static String time(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
