package nl.regiopool.request;

import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.agreement.AgreementWorkflow;
import nl.regiopool.api.model.ApprovalSide;
import nl.regiopool.api.model.ConsentMethod;
import nl.regiopool.api.model.LoanAgreementCreate;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.Offer;
import nl.regiopool.api.model.OfferCreate;
import nl.regiopool.api.model.OfferList;
import nl.regiopool.api.model.OfferStatus;
import nl.regiopool.api.model.RequestedShift;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.StaffingRequestKind;
import nl.regiopool.api.model.WaadiRegime;
import nl.regiopool.api.model.WorkerConsentRequest;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CallerRole;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Writes;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.placement.PlacementCreation;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.request.OfferLifecycle.Action;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.WriteContext;
import org.jdbi.v3.core.Handle;

/**
 * Offers of a staffing request to candidates: made by the requesting member, accepted or declined by the worker,
 * released by the worker's employer (which places the shifts, making the loan agreement first when none covers
 * them), withdrawn by the requesting member.
 */
final class Offers {

    private final Transactions transactions;
    private final Writes writes;
    private final AgreementWorkflow agreements;

    Offers(Transactions transactions, Writes writes, AgreementWorkflow agreements) {
        this.transactions = transactions;
        this.writes = writes;
        this.agreements = agreements;
    }

    Response create(Caller caller, UUID requestId, OfferCreate body, String idempotencyKey) {
        return writes.inTenant(caller, "createOffers:" + requestId, idempotencyKey, body, write -> {
            Handle handle = write.handle();
            StaffingRequestDao.Row request = StaffingRequestDao.find(handle, requestId,
                    caller.memberScope().orElse(null), true).orElseThrow(() -> requestNotFound(requestId));
            if (!StaffingRequestLifecycle.open(request.status())) {
                throw ProblemException.conflict("INVALID_TRANSITION", "A " + request.status()
                        + " staffing request takes no offers; that needs status OPEN or PARTIALLY_FILLED.");
            }
            Set<UUID> eligible = Candidates.eligibleAmong(handle, request.request(), List.copyOf(body.getWorkerIds()));
            List<FieldError> errors = body.getWorkerIds().stream().filter(id -> !eligible.contains(id))
                    .map(id -> new FieldError("workerIds", "NOT_ELIGIBLE", "Worker " + id
                            + " is not an eligible candidate of this request (see its candidates)."))
                    .toList();
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            List<Offer> made = new ArrayList<>();
            for (UUID workerId : body.getWorkerIds().stream().sorted().toList()) {
                UUID id = Ids.next();
                OfferDao.insert(handle, write.tenantId(), id, requestId, workerId, write.caller().subject());
                Offer offer = OfferDao.find(handle, id, OfferDao.Viewer.ALL, false).orElseThrow().offer();
                write.audit("offer.created", "offer", id, null, offer);
                made.add(offer);
            }
            return Response.status(201).entity(new OfferList(made)).build();
        });
    }

    Response get(Caller caller, UUID offerId) {
        OfferDao.Row row = transactions.read(caller.tenant(), handle ->
                OfferDao.find(handle, offerId, viewer(caller), false)).orElseThrow(() -> notFound(offerId));
        return Response.ok(row.offer()).tag(ETags.of(row.version())).build();
    }

    Response listMine(Caller caller, Integer limit, String cursor) {
        UUID worker = caller.workerId().orElseThrow(() -> ProblemException.forbidden("This needs a worker token."));
        UUID after = Cursors.decodeUuid(cursor);
        Page<OfferDao.Row> page = Page.of(transactions.read(caller.tenant(), handle ->
                OfferDao.listForWorker(handle, worker, after, limit)), limit, row -> row.id().toString());
        return Response.ok(new OfferList(page.data().stream().map(OfferDao.Row::offer).toList())
                .nextCursor(page.nextCursor())).build();
    }

    Response accept(Caller caller, UUID offerId, String ifMatch, String idempotencyKey) {
        return change(caller, offerId, ifMatch, idempotencyKey, "acceptOffer", (write, current) -> {
            OfferLifecycle.require(current.status(), Action.ACCEPT);
            // the partial unique index refuses a second taker of the request: 409 OFFER_TAKEN
            OfferDao.setStatus(write.handle(), current.id(), Action.ACCEPT.to());
            if (!OfferDao.autoRelease(write.handle(), current.offer().getEmployerMemberId())) {
                return "offer.accepted";
            }
            OfferDao.Row accepted = OfferDao.find(write.handle(), current.id(), OfferDao.Viewer.ALL, false)
                    .orElseThrow();
            write.audit("offer.accepted", "offer", current.id(), current.offer(), accepted.offer());
            release(write, accepted);
            return null;
        });
    }

    Response decline(Caller caller, UUID offerId, String ifMatch, String idempotencyKey) {
        return change(caller, offerId, ifMatch, idempotencyKey, "declineOffer", (write, current) -> {
            OfferLifecycle.require(current.status(), Action.DECLINE);
            OfferDao.setStatus(write.handle(), current.id(), Action.DECLINE.to());
            return "offer.declined";
        });
    }

    Response withdraw(Caller caller, UUID offerId, String ifMatch, String idempotencyKey) {
        return change(caller, offerId, ifMatch, idempotencyKey, "withdrawOffer", (write, current) -> {
            StaffingRequestDao.Row request = StaffingRequestDao.find(write.handle(),
                    current.offer().getStaffingRequestId(), null, false).orElseThrow();
            requireActsFor(write.caller(), request.request().getMemberId(), "the requesting member");
            OfferLifecycle.require(current.status(), Action.WITHDRAW);
            OfferDao.setStatus(write.handle(), current.id(), Action.WITHDRAW.to());
            write.audit("offer.withdrawn", "offer", current.id(), current.offer(),
                    OfferDao.find(write.handle(), current.id(), OfferDao.Viewer.ALL, false).orElseThrow().offer());
            cancelAgreementMadeFor(write, current, "The offer it was made for was withdrawn.");
            return null;
        });
    }

    /**
     * The employer releases the worker. Under the ACTIVE agreement that covers the request every shift is placed;
     * without one, the agreement is made from the request (see {@link #agreeFromRequest}) and the shifts are placed
     * when it comes into force.
     */
    Response release(Caller caller, UUID offerId, String ifMatch, String idempotencyKey) {
        return change(caller, offerId, ifMatch, idempotencyKey, "releaseOffer", (write, current) -> {
            requireActsFor(write.caller(), current.offer().getEmployerMemberId(), "the worker's employer");
            release(write, current);
            return null;
        });
    }

    private void release(WriteContext write, OfferDao.Row current) {
        OfferLifecycle.require(current.status(), Action.RELEASE);
        Handle handle = write.handle();
        StaffingRequestDao.Row request = StaffingRequestDao.find(handle, current.offer().getStaffingRequestId(),
                null, true).orElseThrow();
        StaffingRequestLifecycle.require(request.status(), StaffingRequestLifecycle.Action.FILL);
        StaffingRequest asked = request.request();
        ZoneId zone = CooperativeTime.zone(handle);
        Optional<UUID> covering = CandidateDao.coveringAgreement(handle, current.offer().getWorkerId(),
                asked.getMemberId(), asked.getRole().toString(), firstDay(asked, zone), lastDay(asked, zone));
        if (covering.isPresent()) {
            place(write, current, covering.get());
        } else {
            agreeFromRequest(write, current, asked, zone);
        }
    }

    /**
     * Makes the loan agreement from the request through the agreement's own steps, each checked and audited: lent
     * by the worker's employer at the worker's cost price over the request's days; the release is the lender's
     * approval, the accept the worker's DIGITAL consent, and the request the borrower's approval when that cost
     * price lies within its {@code maxTariffCentsPerHour}. Complete, the agreement comes into force and
     * {@link ReleasedOffers} places the shifts; else the offer stays RELEASED until the borrower approves.
     */
    private void agreeFromRequest(WriteContext write, OfferDao.Row current, StaffingRequest asked, ZoneId zone) {
        Handle handle = write.handle();
        Offer offer = current.offer();
        long tariff = AgreementWorkflow.costTariffCents(handle, offer.getWorkerId());
        UUID agreementId = agreements.create(write, new LoanAgreementCreate()
                .lenderMemberId(offer.getEmployerMemberId()).borrowerMemberId(asked.getMemberId())
                .workerId(offer.getWorkerId()).role(asked.getRole())
                .startDate(firstDay(asked, zone)).endDate(lastDay(asked, zone))
                .hoursPerWeek(RequestedHours.perWeek(asked, zone)).tariffCentsPerHour(tariff)
                .waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT)).view().getId();
        OfferDao.released(handle, offer.getId(), agreementId);
        write.audit("offer.released", "offer", offer.getId(), offer,
                OfferDao.find(handle, offer.getId(), OfferDao.Viewer.ALL, false).orElseThrow().offer());
        agreements.propose(write, agreementId);
        agreements.approve(write, agreementId, ApprovalSide.LENDER);
        agreements.recordConsent(write, agreementId, new WorkerConsentRequest()
                .consentedOn(offer.getAcceptedAt().atZoneSameInstant(zone).toLocalDate()).method(ConsentMethod.DIGITAL));
        if (asked.getMaxTariffCentsPerHour() != null && tariff <= asked.getMaxTariffCentsPerHour()) {
            agreements.approve(write, agreementId, ApprovalSide.BORROWER);
        }
    }

    /**
     * Places an ACCEPTED or RELEASED offer under an ACTIVE agreement: every shift with the placement checks, the
     * request FILLED, its other open offers TAKEN, each audited. A COVERAGE request has no shifts: the agreement over
     * its dates and hours per week is the fill, and the requesting member schedules the shifts under it.
     */
    static void place(WriteContext write, OfferDao.Row current, UUID agreementId) {
        OfferLifecycle.require(current.status(), Action.PLACE);
        Handle handle = write.handle();
        StaffingRequestDao.Row request = StaffingRequestDao.find(handle, current.offer().getStaffingRequestId(),
                null, true).orElseThrow();
        StaffingRequestLifecycle.require(request.status(), StaffingRequestLifecycle.Action.FILL);
        StaffingRequest asked = request.request();
        for (RequestedShift shift : asked.getShifts()) {
            PlacementCreation.create(write, agreementId, null, shift.getStartsAt(), shift.getEndsAt(),
                    shift.getBreakMinutes(), asked.getLocationPostcode(), null);
        }
        OfferDao.placed(handle, current.id(), agreementId);
        write.audit("offer.placed", "offer", current.id(), current.offer(),
                OfferDao.find(handle, current.id(), OfferDao.Viewer.ALL, false).orElseThrow().offer());
        for (OfferDao.Row other : OfferDao.ofRequest(handle, asked.getId(), List.of(OfferStatus.OFFERED))) {
            OfferDao.setStatus(handle, other.id(), Action.TAKE.to());
            write.audit("offer.taken", "offer", other.id(), other.offer(),
                    OfferDao.find(handle, other.id(), OfferDao.Viewer.ALL, false).orElseThrow().offer());
        }
        StaffingRequestDao.setStatus(handle, asked.getId(), StaffingRequestLifecycle.Action.FILL.to());
        write.audit("staffing_request.filled", "staffing_request", asked.getId(), asked,
                StaffingRequestDao.find(handle, asked.getId(), null, false).orElseThrow().request());
    }

    /**
     * The request ends (cancelled or expired): its open offers end with it, each audited, and so do the agreements
     * made for released offers that still await approval.
     */
    static void endWithRequest(WriteContext write, UUID requestId, AgreementWorkflow agreements) {
        Handle handle = write.handle();
        for (OfferDao.Row offer : OfferDao.ofRequest(handle, requestId, Action.EXPIRE.from())) {
            OfferDao.setStatus(handle, offer.id(), Action.EXPIRE.to());
            write.audit("offer.expired", "offer", offer.id(), offer.offer(),
                    OfferDao.find(handle, offer.id(), OfferDao.Viewer.ALL, false).orElseThrow().offer());
            cancelAgreementMadeFor(agreements, write, offer, "The staffing request of the offer it was made for ended.");
        }
    }

    void endWithRequest(WriteContext write, UUID requestId) {
        endWithRequest(write, requestId, agreements);
    }

    private void cancelAgreementMadeFor(WriteContext write, OfferDao.Row offer, String reason) {
        cancelAgreementMadeFor(agreements, write, offer, reason);
    }

    /**
     * A RELEASED offer waits for the agreement its release made (see {@link #agreeFromRequest}); when the offer ends,
     * that agreement has no purpose left and is cancelled unless it came into force meanwhile.
     */
    private static void cancelAgreementMadeFor(AgreementWorkflow agreements, WriteContext write, OfferDao.Row offer,
                                               String reason) {
        if (offer.status() == OfferStatus.RELEASED && offer.offer().getAgreementId() != null) {
            agreements.cancelWhilePending(write, offer.offer().getAgreementId(), reason);
        }
    }

    /** Changes the locked offer and answers the audit action of the change, or null when the work audited it. */
    private interface Work {
        String apply(WriteContext write, OfferDao.Row current);
    }

    private Response change(Caller caller, UUID offerId, String ifMatch, String idempotencyKey, String operation,
                            Work work) {
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        OfferDao.Viewer viewer = viewer(caller);
        return writes.inTenant(caller, operation + ":" + offerId, idempotencyKey, java.util.Map.of(), write -> {
            Handle handle = write.handle();
            OfferDao.Row current = OfferDao.find(handle, offerId, viewer, true).orElseThrow(() -> notFound(offerId));
            expected.require(current.version());
            String action = work.apply(write, current);
            OfferDao.Row after = OfferDao.find(handle, offerId, OfferDao.Viewer.ALL, false).orElseThrow();
            if (action != null) {
                write.audit(action, "offer", offerId, current.offer(), after.offer());
            }
            return Response.ok(after.offer()).tag(ETags.of(after.version())).build();
        });
    }

    private static OfferDao.Viewer viewer(Caller caller) {
        if (caller.has(CallerRole.COOP_ADMIN)) {
            return OfferDao.Viewer.ALL;
        }
        if (caller.has(CallerRole.WORKER) && caller.workerId().isPresent()) {
            return new OfferDao.Viewer(null, caller.workerId().get());
        }
        return new OfferDao.Viewer(caller.memberScope().orElse(null), null);
    }

    private static void requireActsFor(Caller caller, UUID memberId, String who) {
        if (!caller.has(CallerRole.COOP_ADMIN) && !memberId.equals(caller.memberId())) {
            throw ProblemException.forbidden("Only " + who + " (or a cooperative admin) can do this.");
        }
    }

    static LocalDate firstDay(StaffingRequest request, ZoneId zone) {
        return request.getKind() == StaffingRequestKind.COVERAGE ? request.getStartDate()
                : request.getShifts().get(0).getStartsAt().atZoneSameInstant(zone).toLocalDate();
    }

    static LocalDate lastDay(StaffingRequest request, ZoneId zone) {
        return request.getKind() == StaffingRequestKind.COVERAGE ? request.getEndDate()
                : request.getShifts().stream().map(shift -> shift.getEndsAt().minusNanos(1)
                        .atZoneSameInstant(zone).toLocalDate()).max(LocalDate::compareTo).orElseThrow();
    }

    private static ProblemException notFound(UUID offerId) {
        return ProblemException.notFound("Offer " + offerId);
    }

    private static ProblemException requestNotFound(UUID requestId) {
        return ProblemException.notFound("Staffing request " + requestId);
    }
}
