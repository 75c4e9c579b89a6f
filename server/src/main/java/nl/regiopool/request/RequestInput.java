package nl.regiopool.request;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.RequestedShiftInput;
import nl.regiopool.api.model.StaffingRequestCreate;
import nl.regiopool.api.model.StaffingRequestKind;

/**
 * The input rules of a staffing request that need no database: values in, field errors out. Every broken rule
 * is reported, not only the first.
 */
final class RequestInput {

    static final int MAX_SHIFTS = 50;
    static final Duration MAX_SHIFT = Duration.ofHours(24);

    private RequestInput() {
    }

    /** The errors of a create, judged at {@code now} and {@code today} (the cooperative's). */
    static List<FieldError> errors(StaffingRequestCreate body, Instant now, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (body.getKind() == StaffingRequestKind.SHIFTS) {
            if (body.getShifts() == null || body.getShifts().isEmpty()) {
                errors.add(new FieldError("shifts", "REQUIRED", "A SHIFTS request asks for 1 to " + MAX_SHIFTS
                        + " shifts."));
            } else {
                errors.addAll(shiftErrors(body.getShifts(), now));
            }
            notAllowed(errors, "startDate", body.getStartDate());
            notAllowed(errors, "endDate", body.getEndDate());
            notAllowed(errors, "hoursPerWeek", body.getHoursPerWeek());
            notAllowed(errors, "reason", body.getReason());
        } else {
            if (body.getShifts() != null && !body.getShifts().isEmpty()) {
                errors.add(new FieldError("shifts", "NOT_ALLOWED",
                        "A COVERAGE request has no shifts; it asks for hoursPerWeek from startDate to endDate."));
            }
            required(errors, "startDate", body.getStartDate());
            required(errors, "endDate", body.getEndDate());
            required(errors, "hoursPerWeek", body.getHoursPerWeek());
            required(errors, "reason", body.getReason());
            if (body.getStartDate() != null && body.getStartDate().isBefore(today)) {
                errors.add(new FieldError("startDate", "IN_THE_PAST", "The start date " + body.getStartDate()
                        + " has passed (today is " + today + ")."));
            }
            if (body.getStartDate() != null && body.getEndDate() != null
                    && body.getEndDate().isBefore(body.getStartDate())) {
                errors.add(new FieldError("endDate", "INVALID_PERIOD", "The last day (" + body.getEndDate()
                        + ") is before the first (" + body.getStartDate() + ")."));
            }
        }
        return errors;
    }

    /**
     * The errors of a list of shifts: each in the future, ending after it starts, at most 24 hours, with a break
     * shorter than itself; at most {@link #MAX_SHIFTS}; no two overlapping.
     */
    static List<FieldError> shiftErrors(List<RequestedShiftInput> shifts, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (shifts.size() > MAX_SHIFTS) {
            errors.add(new FieldError("shifts", "OUT_OF_RANGE", "At most " + MAX_SHIFTS + " shifts per request; "
                    + shifts.size() + " were sent."));
            return errors;
        }
        List<Integer> wellFormed = new ArrayList<>();
        for (int i = 0; i < shifts.size(); i++) {
            RequestedShiftInput shift = shifts.get(i);
            String field = "shifts[" + i + "]";
            Duration length = Duration.between(shift.getStartsAt(), shift.getEndsAt());
            boolean ok = true;
            if (!shift.getStartsAt().toInstant().isAfter(now)) {
                errors.add(new FieldError(field + ".startsAt", "IN_THE_PAST", "The shift starts at "
                        + shift.getStartsAt() + ", which has passed."));
                ok = false;
            }
            if (length.isNegative() || length.isZero()) {
                errors.add(new FieldError(field + ".endsAt", "OUT_OF_RANGE", "The shift must end after it starts."));
                ok = false;
            } else if (length.compareTo(MAX_SHIFT) > 0) {
                errors.add(new FieldError(field + ".endsAt", "OUT_OF_RANGE", "A shift lasts at most 24 hours."));
                ok = false;
            } else if (Duration.ofMinutes(breakMinutes(shift)).compareTo(length) >= 0) {
                errors.add(new FieldError(field + ".breakMinutes", "OUT_OF_RANGE",
                        "The break must be shorter than the shift."));
                ok = false;
            }
            if (ok) {
                wellFormed.add(i);
            }
        }
        wellFormed.sort(Comparator.comparing(i -> shifts.get(i).getStartsAt().toInstant()));
        for (int k = 1; k < wellFormed.size(); k++) {
            RequestedShiftInput earlier = shifts.get(wellFormed.get(k - 1));
            RequestedShiftInput later = shifts.get(wellFormed.get(k));
            if (later.getStartsAt().toInstant().isBefore(earlier.getEndsAt().toInstant())) {
                errors.add(new FieldError("shifts[" + wellFormed.get(k) + "]", "OVERLAPPING", "The shift overlaps"
                        + " shifts[" + wellFormed.get(k - 1) + "] of the same request."));
            }
        }
        return errors;
    }

    static int breakMinutes(RequestedShiftInput shift) {
        return shift.getBreakMinutes() == null ? 0 : shift.getBreakMinutes();
    }

    /** Postcodes are stored as {@code 1234 AB}. */
    static String normalizePostcode(String postcode) {
        String compact = postcode.replace(" ", "").toUpperCase(Locale.ROOT);
        return compact.substring(0, 4) + " " + compact.substring(4);
    }

    private static void notAllowed(List<FieldError> errors, String field, Object value) {
        if (value != null) {
            errors.add(new FieldError(field, "NOT_ALLOWED", field + " belongs to COVERAGE requests only."));
        }
    }

    private static void required(List<FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "REQUIRED", "A COVERAGE request needs " + field + "."));
        }
    }
}
