package nl.regiopool.request;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.function.BiFunction;
import nl.regiopool.agreement.AgreementWorkflow;
import nl.regiopool.api.StaffingRequestsApi;
import nl.regiopool.api.model.CancelRequest;
import nl.regiopool.api.model.CandidateList;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.OfferCreate;
import nl.regiopool.api.model.OpenShift;
import nl.regiopool.api.model.OpenShiftBoard;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.RequestedShift;
import nl.regiopool.api.model.RequestedShiftInput;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.StaffingRequestCreate;
import nl.regiopool.api.model.StaffingRequestKind;
import nl.regiopool.api.model.StaffingRequestList;
import nl.regiopool.api.model.StaffingRequestPatch;
import nl.regiopool.api.model.StaffingRequestStatus;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CallerRole;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Writes;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.request.StaffingRequestLifecycle.Action;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.WriteContext;
import nl.regiopool.geo.Geocoding;
import org.jdbi.v3.core.Handle;

/**
 * Staffing requests: a member (or an admin for it) asks for a role, as shifts or as coverage of a period.
 * Members read and change only their own requests.
 */
public final class StaffingRequestResource implements StaffingRequestsApi {

    static final int MAX_OPEN_SHIFTS = 100;

    private final Transactions transactions;
    private final Writes writes;
    private final Offers offers;
    private final Geocoding geocoding;

    public StaffingRequestResource(Transactions transactions, Writes writes, AgreementWorkflow agreements,
                                   Geocoding geocoding) {
        this.transactions = transactions;
        this.writes = writes;
        this.offers = new Offers(transactions, writes, agreements);
        this.geocoding = geocoding;
    }

    @Override
    public Response createOffers(UUID staffingRequestId, OfferCreate body, String idempotencyKey) {
        return offers.create(CurrentCaller.get(), staffingRequestId, body, idempotencyKey);
    }

    @Override
    public Response getOffer(UUID offerId) {
        return offers.get(CurrentCaller.get(), offerId);
    }

    @Override
    public Response listMyOffers(Integer limit, String cursor) {
        return offers.listMine(CurrentCaller.get(), limit, cursor);
    }

    @Override
    public Response acceptOffer(UUID offerId, String ifMatch, String idempotencyKey) {
        return offers.accept(CurrentCaller.get(), offerId, ifMatch, idempotencyKey);
    }

    @Override
    public Response declineOffer(UUID offerId, String ifMatch, String idempotencyKey) {
        return offers.decline(CurrentCaller.get(), offerId, ifMatch, idempotencyKey);
    }

    @Override
    public Response releaseOffer(UUID offerId, String ifMatch, String idempotencyKey) {
        return offers.release(CurrentCaller.get(), offerId, ifMatch, idempotencyKey);
    }

    @Override
    public Response withdrawOffer(UUID offerId, String ifMatch, String idempotencyKey) {
        return offers.withdraw(CurrentCaller.get(), offerId, ifMatch, idempotencyKey);
    }

    @Override
    public Response createStaffingRequest(StaffingRequestCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        if (caller.memberScope().isPresent() && !caller.memberScope().get().equals(body.getMemberId())) {
            throw ProblemException.forbidden("A member may request staff only for itself.");
        }
        Set<UUID> poolIds = body.getPoolIds() == null ? Set.of() : body.getPoolIds();
        return writes.inTenant(caller, "createStaffingRequest", idempotencyKey, body, write -> {
            Handle handle = write.handle();
            Instant now = CooperativeTime.now(handle);
            ZoneId zone = CooperativeTime.zone(handle);
            List<FieldError> errors = new ArrayList<>(RequestInput.errors(body, now, LocalDate.ofInstant(now, zone)));
            StaffingRequestDao.MemberFacts member = StaffingRequestDao.member(handle, body.getMemberId()).orElse(null);
            if (member == null) {
                errors.add(new FieldError("memberId", "NOT_FOUND", "There is no such member in the cooperative."));
            } else if (!"ACTIVE".equals(member.status())) {
                errors.add(new FieldError("memberId", "NOT_ACTIVE", "The member is " + member.status()
                        + "; only ACTIVE members request staff."));
            }
            errors.addAll(poolErrors(handle, poolIds, body.getRole()));
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            List<RequestedShift> shifts = withIds(body.getShifts());
            Instant startsAt = body.getKind() == StaffingRequestKind.SHIFTS
                    ? shifts.get(0).getStartsAt().toInstant()
                    : body.getStartDate().atStartOfDay(zone).toInstant();
            String postcode = body.getLocationPostcode() != null
                    ? RequestInput.normalizePostcode(body.getLocationPostcode()) : member.postcode();
            UUID id = Ids.next();
            StaffingRequestDao.insert(handle, write.tenantId(), id, new StaffingRequestDao.Values(body.getMemberId(),
                    body.getRole(), body.getKind(), startsAt, body.getStartDate(), body.getEndDate(),
                    body.getHoursPerWeek(), body.getReason(), postcode, body.getMaxTariffCentsPerHour(),
                    body.getNotes()));
            StaffingRequestDao.replaceShifts(handle, write.tenantId(), id, shifts);
            StaffingRequestDao.replacePools(handle, write.tenantId(), id, poolIds);
            StaffingRequestDao.Row created = StaffingRequestDao.find(handle, id, null, false).orElseThrow();
            write.audit("staffing_request.created", "staffing_request", id, null, created.request());
            return Response.created(URI.create("/v1/staffing-requests/" + id))
                    .tag(ETags.of(created.version())).entity(created.request()).build();
        });
    }

    @Override
    public Response getStaffingRequest(UUID staffingRequestId) {
        Caller caller = CurrentCaller.get();
        StaffingRequestDao.Row row = transactions.read(caller.tenant(), handle ->
                StaffingRequestDao.find(handle, staffingRequestId, caller.memberScope().orElse(null), false))
                .orElseThrow(() -> notFound(staffingRequestId));
        return Response.ok(row.request()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listStaffingRequests(UUID memberId, StaffingRequestStatus status, StaffingRequestKind kind,
                                         QualificationRole role, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID after = Cursors.decodeUuid(cursor);
        StaffingRequestDao.Filter filter = new StaffingRequestDao.Filter(memberId, status, kind, role);
        Page<StaffingRequestDao.Row> page = Page.of(transactions.read(caller.tenant(), handle ->
                        StaffingRequestDao.list(handle, caller.memberScope().orElse(null), filter, after, limit)),
                limit, row -> row.id().toString());
        return Response.ok(new StaffingRequestList(page.data().stream().map(StaffingRequestDao.Row::request).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response listStaffingRequestCandidates(UUID staffingRequestId, Boolean includeIneligible, Integer limit,
                                                  String cursor) {
        Caller caller = CurrentCaller.get();
        boolean ineligibleToo = Boolean.TRUE.equals(includeIneligible);
        if (ineligibleToo && !caller.has(CallerRole.COOP_ADMIN)) {
            throw ProblemException.forbidden("Only a coop_admin may list the ineligible candidates.");
        }
        int offset = Optional.ofNullable(Cursors.decodeLong(cursor)).map(Long::intValue).orElse(0);
        Supplier<Candidates.Page> rank = () -> transactions.read(caller.tenant(), handle -> {
            StaffingRequestDao.Row row = StaffingRequestDao.find(handle, staffingRequestId,
                    caller.memberScope().orElse(null), false).orElseThrow(() -> notFound(staffingRequestId));
            return Candidates.page(handle, row.request(), ineligibleToo, offset, limit);
        });
        Candidates.Page page = rank.get();
        // looked up between transactions, so no lock or connection waits for the geocoder; then ranked again
        if (geocoding.fill(page.unlocatedPostcodes())) {
            page = rank.get();
        }
        return Response.ok(new CandidateList(page.candidates(), page.representativeWeek(), page.checkedShifts())
                .nextCursor(page.more() ? Cursors.encode(Integer.toString(offset + limit)) : null)).build();
    }

    @Override
    public Response listOpenShifts() {
        Caller caller = CurrentCaller.get();
        UUID worker = caller.requireWorker();
        List<OpenShift> open = transactions.read(caller.tenant(), handle -> {
            List<StaffingRequest> requests = StaffingRequestDao.openForWorker(handle, worker,
                            CooperativeTime.now(handle), MAX_OPEN_SHIFTS)
                    .stream().map(StaffingRequestDao.Row::request)
                    .filter(request -> Candidates.eligible(handle, request, worker))
                    .toList();
            Map<UUID, String> names = StaffingRequestDao.memberNames(handle,
                    requests.stream().map(StaffingRequest::getMemberId).distinct().toList());
            return requests.stream().map(request -> new OpenShift(request.getId(), request.getMemberId(),
                    names.get(request.getMemberId()), request.getRole(), request.getShifts(),
                    request.getLocationPostcode(), request.getStatus())).toList();
        });
        return Response.ok(new OpenShiftBoard(open)).build();
    }

    @Override
    public Response updateStaffingRequest(UUID staffingRequestId, String ifMatch, StaffingRequestPatch body) {
        return change(staffingRequestId, ifMatch, null, body, "updateStaffingRequest", "staffing_request.updated",
                (write, current) -> {
                    StaffingRequestLifecycle.require(current.status(), Action.CHANGE);
                    StaffingRequest before = current.request();
                    Handle handle = write.handle();
                    List<FieldError> errors = new ArrayList<>();
                    if (body.getShifts() != null) {
                        if (before.getKind() != StaffingRequestKind.SHIFTS) {
                            errors.add(new FieldError("shifts", "NOT_ALLOWED", "A COVERAGE request has no shifts."));
                        } else if (body.getShifts().isEmpty()) {
                            errors.add(new FieldError("shifts", "REQUIRED", "A SHIFTS request asks for 1 to "
                                    + RequestInput.MAX_SHIFTS + " shifts."));
                        } else {
                            errors.addAll(RequestInput.shiftErrors(body.getShifts(), CooperativeTime.now(handle)));
                        }
                    }
                    if (body.getPoolIds() != null) {
                        errors.addAll(poolErrors(handle, body.getPoolIds(), before.getRole()));
                    }
                    if (!errors.isEmpty()) {
                        throw ProblemException.invalid(errors);
                    }
                    Instant startsAt = current.startsAt();
                    if (body.getShifts() != null) {
                        List<RequestedShift> shifts = withIds(body.getShifts());
                        StaffingRequestDao.replaceShifts(handle, write.tenantId(), current.id(), shifts);
                        startsAt = shifts.get(0).getStartsAt().toInstant();
                    }
                    if (body.getPoolIds() != null) {
                        StaffingRequestDao.replacePools(handle, write.tenantId(), current.id(), body.getPoolIds());
                    }
                    StaffingRequestDao.update(handle, current.id(), startsAt,
                            body.getLocationPostcode() != null
                                    ? RequestInput.normalizePostcode(body.getLocationPostcode())
                                    : before.getLocationPostcode(),
                            body.getMaxTariffCentsPerHour() != null
                                    ? body.getMaxTariffCentsPerHour() : before.getMaxTariffCentsPerHour(),
                            body.getNotes() != null ? body.getNotes() : before.getNotes());
                    return null;
                });
    }

    @Override
    public Response cancelStaffingRequest(UUID staffingRequestId, String ifMatch, CancelRequest body,
                                          String idempotencyKey) {
        return change(staffingRequestId, ifMatch, idempotencyKey, body, "cancelStaffingRequest",
                "staffing_request.cancelled", (write, current) -> {
                    StaffingRequestLifecycle.require(current.status(), Action.CANCEL);
                    StaffingRequestDao.cancel(write.handle(), current.id(), write.caller().subject(),
                            body.getReason().strip());
                    offers.endWithRequest(write, current.id());
                    return null;
                });
    }

    /** Runs a change on a locked request the caller may see, checks If-Match, audits before and after. */
    private Response change(UUID id, String ifMatch, String idempotencyKey, Object body, String operation,
                            String action, BiFunction<WriteContext, StaffingRequestDao.Row, Void> work) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, operation, idempotencyKey, body, write -> {
            Handle handle = write.handle();
            StaffingRequestDao.Row current = StaffingRequestDao.find(handle, id, caller.memberScope().orElse(null),
                    true).orElseThrow(() -> notFound(id));
            expected.require(current.version());
            work.apply(write, current);
            StaffingRequestDao.Row after = StaffingRequestDao.find(handle, id, null, false).orElseThrow();
            write.audit(action, "staffing_request", id, current.request(), after.request());
            return Response.ok(after.request()).tag(ETags.of(after.version())).build();
        });
    }

    /** Each pool must exist and, where it names allowed roles, allow the role. */
    private static List<FieldError> poolErrors(Handle handle, Collection<UUID> poolIds, QualificationRole role) {
        List<FieldError> errors = new ArrayList<>();
        Map<UUID, List<String>> roles = StaffingRequestDao.poolRoles(handle, poolIds);
        for (UUID poolId : poolIds) {
            List<String> allowed = roles.get(poolId);
            if (allowed == null) {
                errors.add(new FieldError("poolIds", "NOT_FOUND", "There is no pool " + poolId
                        + " in the cooperative."));
            } else if (!allowed.isEmpty() && !allowed.contains(role.toString())) {
                errors.add(new FieldError("role", "ROLE_NOT_REQUESTABLE", "Pool " + poolId + " lends only "
                        + String.join(", ", allowed) + "; it has no " + role + " to offer."));
            }
        }
        return errors;
    }

    /** The shifts as stored, in start order, each with a new id. */
    private static List<RequestedShift> withIds(List<RequestedShiftInput> inputs) {
        if (inputs == null) {
            return List.of();
        }
        return inputs.stream().sorted(Comparator.comparing(shift -> shift.getStartsAt().toInstant()))
                .map(shift -> new RequestedShift(Ids.next(), shift.getStartsAt(), shift.getEndsAt(),
                        RequestInput.breakMinutes(shift)))
                .toList();
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Staffing request " + id);
    }
}
