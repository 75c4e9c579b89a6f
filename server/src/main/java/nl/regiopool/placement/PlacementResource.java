package nl.regiopool.placement;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import nl.regiopool.ops.ProductMetrics;
import nl.regiopool.api.PlacementsApi;
import nl.regiopool.api.model.CancelRequest;
import nl.regiopool.api.model.CompletePlacementRequest;
import nl.regiopool.api.model.DisputePlacementRequest;
import nl.regiopool.api.model.ConfirmPlacementRequest;
import nl.regiopool.api.model.HomeShiftsReplace;
import nl.regiopool.api.model.NoShowRequest;
import nl.regiopool.api.model.Placement;
import nl.regiopool.api.model.PlacementCreate;
import nl.regiopool.api.model.PlacementKind;
import nl.regiopool.api.model.PlacementPatch;
import nl.regiopool.api.model.PlacementStatus;
import nl.regiopool.api.model.PlacementValidation;
import nl.regiopool.api.model.ResolveDisputeRequest;
import nl.regiopool.api.model.RuleViolation;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.auth.CallerRole;
import nl.regiopool.cao.Shift;
import nl.regiopool.page.Cursors;
import nl.regiopool.http.ETags;
import nl.regiopool.placement.PlacementLifecycle.Action;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.write.WriteContext;
import nl.regiopool.http.Writes;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.settings.SettingsDao;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * Placements: borrowed shifts under an ACTIVE agreement, checked against the agreement, the worker's
 * qualification and the working-time rules over all of the worker's shifts; and their lifecycle
 * PLANNED → CONFIRMED → COMPLETED (with cost lines) / CANCELLED / NO_SHOW; a lender's dispute of completed hours
 * and an admin's resolution. Home shifts live in the same table
 * and are maintained by {@link HomeShifts}.
 */
public final class PlacementResource implements PlacementsApi {

    /** A cancellation less than this before the start is late. */
    static final Duration LATE_CANCELLATION = Duration.ofHours(24);

    private final Transactions transactions;
    private final Writes writes;
    private final HomeShifts homeShifts;
    private final PlacementPageJson pageJson;

    public PlacementResource(Transactions transactions, Writes writes, ObjectMapper mapper) {
        this.transactions = transactions;
        this.pageJson = new PlacementPageJson(mapper);
        this.writes = writes;
        this.homeShifts = new HomeShifts(transactions, writes);
    }

    @Override
    public Response createPlacement(PlacementCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        requireOverrideRight(caller, body.getOverrideReason());
        int breakMinutes = ShiftInput.orZero(body.getBreakMinutes());
        ShiftInput.requireShape(body.getStartsAt(), body.getEndsAt(), breakMinutes, "");
        return writes.inTenant(caller, "createPlacement", idempotencyKey, body, write -> {
            PlacementCreation.Created created = PlacementCreation.create(write, body.getAgreementId(),
                    caller.memberScope().orElse(null), body.getStartsAt(), body.getEndsAt(), breakMinutes,
                    body.getLocationPostcode(), body.getOverrideReason());
            return Response.created(URI.create("/v1/placements/" + created.view().getId()))
                    .tag(ETags.of(created.version())).entity(created.view()).build();
        });
    }

    @Override
    public Response validatePlacement(PlacementCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        int breakMinutes = ShiftInput.orZero(body.getBreakMinutes());
        ShiftInput.requireShape(body.getStartsAt(), body.getEndsAt(), breakMinutes, "");
        PlacementValidation validation = transactions.read(caller.tenant(), handle -> {
            PlacementDao.Placing placing = placing(handle, body.getAgreementId(), caller, false);
            Shift candidate = new Shift(Ids.next(), body.getStartsAt().toInstant(), body.getEndsAt().toInstant(),
                    breakMinutes);
            List<PlacementDao.OtherShift> shifts = PlacementChecks.around(handle, placing.agreement().workerId(),
                    candidate);
            List<RuleViolation> violations = new ArrayList<>();
            PlacementChecks.overlapping(shifts, candidate).ifPresent(other -> violations.add(overlap(other)));
            violations.addAll(PlacementChecks.check(handle, placing, candidate, shifts)
                    .forViewer(caller.memberScope().orElse(null)).all());
            return new PlacementValidation(violations.isEmpty(), withoutCandidate(violations, candidate.id()));
        });
        return Response.ok(validation).build();
    }

    @Override
    public Response getPlacement(UUID placementId) {
        Caller caller = CurrentCaller.get();
        PlacementRow row = transactions.read(caller.tenant(), handle ->
                PlacementDao.find(handle, placementId, caller.memberScope().orElse(null), false).orElseThrow(() -> notFound(placementId)));
        return Response.ok(PlacementViews.view(row)).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listPlacements(UUID workerId, UUID agreementId, PlacementStatus status, PlacementKind kind,
                                   OffsetDateTime from, OffsetDateTime to, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID after = Cursors.decodeUuid(cursor);
        PlacementDao.Filter filter = new PlacementDao.Filter(workerId, agreementId,
                status, kind == null ? null : kind.toString(), from, to);
        byte[] page = transactions.readInOneRoundTrip(caller.tenant(), bound ->
                PlacementDao.pageJson(bound, caller.memberScope().orElse(null), filter, after, limit, pageJson));
        return Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Override
    public Response updatePlacement(UUID placementId, String ifMatch, PlacementPatch body) {
        Caller caller = CurrentCaller.get();
        requireOverrideRight(caller, body.getOverrideReason());
        return change(placementId, ifMatch, null, body, "updatePlacement", "placement.updated", (write, current) -> {
            requireBorrowedShift(current);
            PlacementLifecycle.require(current.status(), Action.CHANGE);
            OffsetDateTime startsAt = body.getStartsAt() != null ? body.getStartsAt() : current.startsAt();
            OffsetDateTime endsAt = body.getEndsAt() != null ? body.getEndsAt() : current.endsAt();
            int breakMinutes = body.getBreakMinutes() != null ? body.getBreakMinutes() : current.breakMinutes();
            ShiftInput.requireShape(startsAt, endsAt, breakMinutes, "");
            String postcode = body.getLocationPostcode() != null ? body.getLocationPostcode() : current.locationPostcode();
            boolean timeChanged = !startsAt.isEqual(current.startsAt()) || !endsAt.isEqual(current.endsAt())
                    || breakMinutes != current.breakMinutes();
            Handle handle = write.handle();
            Overridden override = current.override();
            if (timeChanged) {
                PlacementDao.lockWorker(handle, current.workerId());
                Shift candidate = new Shift(current.id(), startsAt.toInstant(), endsAt.toInstant(), breakMinutes);
                List<PlacementDao.OtherShift> shifts = PlacementChecks.around(handle, current.workerId(), candidate);
                requireNoOverlap(shifts, candidate);
                PlacementDao.Placing placing = PlacementDao.placing(handle, current.agreementId(), null, false,
                        CooperativeTime.DEFAULT_ZONE).orElseThrow();
                override = decide(handle, placing, candidate, shifts, body.getOverrideReason(), write.caller(), false);
            }
            PlacementDao.updateTimes(handle, current.id(), startsAt, endsAt, breakMinutes, postcode, override);
            return null;
        });
    }

    @Override
    public Response confirmPlacement(UUID placementId, String ifMatch, String idempotencyKey, ConfirmPlacementRequest body) {
        return change(placementId, ifMatch, idempotencyKey, body != null ? body : new ConfirmPlacementRequest(),
                "confirmPlacement", "placement.confirmed",
                (write, current) -> {
                    requireBorrowedShift(current);
                    PlacementLifecycle.require(current.status(), Action.CONFIRM);
                    return moved(current, Action.CONFIRM, current.progress().confirmed(now(write)));
                });
    }

    @Override
    public Response completePlacement(UUID placementId, String ifMatch, CompletePlacementRequest body,
                                      String idempotencyKey) {
        ShiftInput.requireShape(body.getActualStartsAt(), body.getActualEndsAt(), body.getBreakMinutes(), "actual");
        return change(placementId, ifMatch, idempotencyKey, body, "completePlacement", "placement.completed",
                (write, current) -> {
                    requireBorrowedShift(current);
                    requireBorrower(write.caller(), current, "approve the hours of");
                    PlacementLifecycle.require(current.status(), Action.COMPLETE);
                    OffsetDateTime now = now(write);
                    requireWorked(body.getActualEndsAt(), current.endsAt(), now);
                    Handle handle = write.handle();
                    PlacementDao.Agreement agreement = PlacementDao.agreement(handle, current.agreementId(), null)
                            .orElseThrow();
                    Shift worked = new Shift(current.id(), body.getActualStartsAt().toInstant(),
                            body.getActualEndsAt().toInstant(), body.getBreakMinutes());
                    String costLines = PlacementViews.json(
                            PlacementCosts.lines(handle, CooperativeTime.zone(handle), agreement, worked));
                    PlacementRow.WorkedTime actual = new PlacementRow.WorkedTime(body.getActualStartsAt(),
                            body.getActualEndsAt(), body.getBreakMinutes());
                    return moved(current, Action.COMPLETE,
                            current.progress().completed(actual, now, write.caller().subject(), costLines));
                });
    }

    @Override
    public Response disputePlacement(UUID placementId, String ifMatch, DisputePlacementRequest body,
                                     String idempotencyKey) {
        return change(placementId, ifMatch, idempotencyKey, body, "disputePlacement", "placement.disputed",
                (write, current) -> {
                    requireBorrowedShift(current);
                    requireLender(write.caller(), current);
                    PlacementLifecycle.require(current.status(), Action.DISPUTE);
                    if (current.dispute() != null) {
                        throw ProblemException.conflict("ALREADY_DISPUTED", "The hours of this placement were disputed on "
                                + current.dispute().disputedAt() + "; a placement is disputed once.");
                    }
                    Handle handle = write.handle();
                    int days = SettingsDao.current(handle).getDisputeDays();
                    OffsetDateTime deadline = current.progress().completedAt().plusDays(days);
                    if (now(write).isAfter(deadline)) {
                        throw ProblemException.conflict("DISPUTE_WINDOW_CLOSED", "Hours can be disputed for " + days
                                + " days after their approval; this window closed at " + deadline + ".");
                    }
                    PlacementDao.dispute(handle, current.id(), body.getReason().strip(), write.caller().subject());
                    return null;
                });
    }

    @Override
    public Response resolvePlacementDispute(UUID placementId, String ifMatch, ResolveDisputeRequest body,
                                            String idempotencyKey) {
        ShiftInput.requireShape(body.getActualStartsAt(), body.getActualEndsAt(), body.getBreakMinutes(), "actual");
        return change(placementId, ifMatch, idempotencyKey, body, "resolvePlacementDispute", "placement.dispute_resolved",
                (write, current) -> {
                    requireBorrowedShift(current);
                    PlacementLifecycle.require(current.status(), Action.RESOLVE);
                    if (current.dispute() == null || !current.dispute().open()) {
                        throw ProblemException.conflict("NOT_DISPUTED", "The placement has no open dispute to resolve.");
                    }
                    requireWorked(body.getActualEndsAt(), current.endsAt(), now(write));
                    Handle handle = write.handle();
                    PlacementDao.Agreement agreement = PlacementDao.agreement(handle, current.agreementId(), null)
                            .orElseThrow();
                    Shift worked = new Shift(current.id(), body.getActualStartsAt().toInstant(),
                            body.getActualEndsAt().toInstant(), body.getBreakMinutes());
                    PlacementRow.WorkedTime actual = new PlacementRow.WorkedTime(body.getActualStartsAt(),
                            body.getActualEndsAt(), body.getBreakMinutes());
                    PlacementRow corrected = current.moved(current.status(), current.progress().corrected(actual,
                            PlacementViews.json(PlacementCosts.lines(handle, CooperativeTime.zone(handle), agreement,
                                    worked))));
                    String note = body.getNote() == null || body.getNote().isBlank() ? null : body.getNote().strip();
                    PlacementDao.resolveDispute(handle, corrected, write.caller().subject(), note);
                    return null;
                });
    }

    @Override
    public Response cancelPlacement(UUID placementId, String ifMatch, CancelRequest body, String idempotencyKey) {
        return change(placementId, ifMatch, idempotencyKey, body, "cancelPlacement", "placement.cancelled",
                (write, current) -> {
                    requireBorrowedShift(current);
                    PlacementLifecycle.require(current.status(), Action.CANCEL);
                    OffsetDateTime now = now(write);
                    boolean late = now.toInstant().isAfter(current.startsAt().toInstant().minus(LATE_CANCELLATION));
                    return moved(current, Action.CANCEL, current.progress().cancelled(now, write.caller().subject(),
                            body.getReason().strip(), late));
                });
    }

    @Override
    public Response recordPlacementNoShow(UUID placementId, String ifMatch, String idempotencyKey, NoShowRequest body) {
        return change(placementId, ifMatch, idempotencyKey, body != null ? body : new NoShowRequest(),
                "recordPlacementNoShow", "placement.no_show",
                (write, current) -> {
                    requireBorrowedShift(current);
                    requireBorrower(write.caller(), current, "record a no-show for");
                    PlacementLifecycle.require(current.status(), Action.NO_SHOW);
                    return moved(current, Action.NO_SHOW, current.progress().noShow(now(write)));
                });
    }

    @Override
    public Response replaceHomeShifts(UUID workerId, OffsetDateTime from, OffsetDateTime to, String ifMatch,
                                      HomeShiftsReplace body) {
        return homeShifts.replace(CurrentCaller.get(), workerId, from, to, body, ifMatch);
    }

    @Override
    public Response getWorkerSchedule(UUID workerId, OffsetDateTime from, OffsetDateTime to) {
        return homeShifts.schedule(CurrentCaller.get(), workerId, from, to);
    }

    /**
     * Runs a change on a locked placement the caller may see, checks If-Match, audits before and after. The work
     * returns the row to write back with {@link PlacementDao#updateStatus}, or null when it wrote itself.
     */
    private Response change(UUID placementId, String ifMatch, String idempotencyKey, Object body, String operation,
                            String action, BiFunction<WriteContext, PlacementRow, PlacementRow> work) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, operation, idempotencyKey, body, write -> {
            Handle handle = write.handle();
            PlacementRow current = PlacementDao.find(handle, placementId, caller.memberScope().orElse(null), true)
                    .orElseThrow(() -> notFound(placementId));
            expected.require(current.version());
            PlacementRow changed = work.apply(write, current);
            if (changed != null) {
                PlacementDao.updateStatus(handle, changed);
            }
            PlacementRow after = PlacementDao.find(handle, placementId, null, false).orElseThrow();
            Placement view = PlacementViews.view(after);
            write.audit(action, "placement", placementId, PlacementViews.view(current), view);
            return Response.ok(view).tag(ETags.of(after.version())).build();
        });
    }

    /**
     * The checks' verdict: refused (422) unless every violation may be, and is, overridden by an admin. A refused
     * new shift has no id: its violations name only the other shifts involved.
     */
    static Overridden decide(Handle handle, PlacementDao.Placing placing, Shift candidate,
                                     List<PlacementDao.OtherShift> shifts, String reason, Caller caller,
                                     boolean candidateIsNew) {
        PlacementChecks.Verdict verdict = PlacementChecks.check(handle, placing, candidate, shifts);
        boolean overriding = reason != null && caller.has(CallerRole.COOP_ADMIN);
        if (!verdict.hard().isEmpty() || (!verdict.overridable().isEmpty() && !overriding)) {
            verdict.all().forEach(violation -> ProductMetrics.ruleViolated(String.valueOf(violation.getCode()), "refused"));
            List<RuleViolation> all = verdict.forViewer(caller.memberScope().orElse(null)).all();
            List<RuleViolation> violations = candidateIsNew ? withoutCandidate(all, candidate.id()) : all;
            throw new ProblemException(422, "RULES_VIOLATED", "Rules violated",
                    "The placement breaks " + violations.size() + " rule(s)."
                            + (verdict.hard().isEmpty() ? " A coop_admin may override them with overrideReason." : ""),
                    List.of(), violations);
        }
        if (verdict.overridable().isEmpty()) {
            return Overridden.NONE;
        }
        verdict.overridable().forEach(violation -> ProductMetrics.ruleViolated(String.valueOf(violation.getCode()),
                "overridden"));
        return new Overridden(reason.strip(), caller.subject(), OffsetDateTime.ofInstant(CooperativeTime.now(handle),
                java.time.ZoneOffset.UTC), PlacementViews.json(verdict.overridable()));
    }

    /** The agreement and what placing under it needs; with {@code lockWorker} the worker's lock is taken. */
    private static PlacementDao.Placing placing(Handle handle, UUID agreementId, Caller caller, boolean lockWorker) {
        return PlacementDao.placing(handle, agreementId, caller.memberScope().orElse(null), lockWorker, CooperativeTime.DEFAULT_ZONE)
                .orElseThrow(() -> ProblemException.invalid("agreementId", "NOT_FOUND", "No such loan agreement."));
    }

    static void requireNoOverlap(List<PlacementDao.OtherShift> shifts, Shift candidate) {
        Optional<UUID> other = PlacementChecks.overlapping(shifts, candidate);
        if (other.isPresent()) {
            throw new ProblemException(409, "PLACEMENT_OVERLAP", "Conflict",
                    "The worker has another shift at that time.", List.of(), List.of(overlap(other.get())));
        }
    }

    /** The violations without the id of a shift that does not exist (a dry run's or a refused create's candidate). */
    private static List<RuleViolation> withoutCandidate(List<RuleViolation> violations, UUID candidateId) {
        return violations.stream().map(v -> v.getEntityIds() == null || !v.getEntityIds().contains(candidateId) ? v
                : new RuleViolation(v.getCode(), v.getMessage()).limit(v.getLimit()).actual(v.getActual())
                        .entityIds(v.getEntityIds().stream().filter(id -> !id.equals(candidateId)).toList()))
                .toList();
    }

    private static RuleViolation overlap(UUID other) {
        return new RuleViolation("PLACEMENT_OVERLAP", "The worker has another shift at that time.")
                .entityIds(List.of(other));
    }

    /** Hours are approved, and priced, once they have been worked: actual times lie in the past. */
    private static void requireWorked(OffsetDateTime actualEndsAt, OffsetDateTime plannedEndsAt, OffsetDateTime now) {
        if (actualEndsAt.isAfter(now)) {
            throw ProblemException.invalid("actualEndsAt", "OUT_OF_RANGE", "The actual end " + actualEndsAt
                    + " has not happened yet (now is " + now + "); the shift ends at " + plannedEndsAt
                    + ". Complete a shift with the times worked, after it has been worked.");
        }
    }

    private static void requireOverrideRight(Caller caller, String overrideReason) {
        if (overrideReason != null && !caller.has(CallerRole.COOP_ADMIN)) {
            throw ProblemException.forbidden("Only a coop_admin may override rule violations.");
        }
    }

    private static void requireBorrowedShift(PlacementRow row) {
        if (row.isHomeShift()) {
            throw ProblemException.conflict("INVALID_TRANSITION",
                    "A home shift changes only through the worker's roster (PUT /v1/workers/{id}/home-shifts).");
        }
    }

    /** The lender is the worker's employer; an admin may act for it. */
    private static void requireLender(Caller caller, PlacementRow row) {
        if (!caller.has(CallerRole.COOP_ADMIN) && !row.employerMemberId().equals(caller.memberId())) {
            throw ProblemException.forbidden("Only the lender (or a cooperative admin) can dispute the hours of a placement.");
        }
    }

    private static void requireBorrower(Caller caller, PlacementRow row, String verb) {
        if (!caller.has(CallerRole.COOP_ADMIN) && !row.borrowerMemberId().equals(caller.memberId())) {
            throw ProblemException.forbidden("Only the borrower (or a cooperative admin) can " + verb + " a placement.");
        }
    }

    private static OffsetDateTime now(WriteContext write) {
        return CooperativeTime.nowUtc(write.handle());
    }

    private static PlacementRow moved(PlacementRow row, Action action, Progress after) {
        return row.moved(action.to(), after);
    }

    private static ProblemException notFound(UUID placementId) {
        return ProblemException.notFound("Placement " + placementId);
    }
}
