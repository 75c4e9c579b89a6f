package nl.regiopool.placement;

import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.MyScheduleApi;
import nl.regiopool.api.model.MyShift;
import nl.regiopool.api.model.MyShiftList;
import nl.regiopool.api.model.PlacementKind;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.ShiftMember;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.tenancy.Transactions;

/** A worker's own shifts, at any borrower and at its employer: the worker named in the token, never another. */
public final class MyScheduleResource implements MyScheduleApi {

    private final Transactions transactions;

    public MyScheduleResource(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Response getMySchedule(OffsetDateTime from, OffsetDateTime to, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID worker = caller.requireWorker();
        HomeShifts.requireWindow(from, to);
        Cursors.InstantAndId after = Cursors.decodeInstantAndId(cursor);
        Page<PlacementDao.WorkedFor> page = Page.of(transactions.read(caller.tenant(), handle ->
                        PlacementDao.workerShifts(handle, worker, from, to, after, limit)), limit,
                shift -> new Cursors.InstantAndId(shift.row().startsAt().toInstant(), shift.row().id()).key());
        return Response.ok(new MyShiftList(page.data().stream().map(MyScheduleResource::view).toList())
                .nextCursor(page.nextCursor())).build();
    }

    private static MyShift view(PlacementDao.WorkedFor shift) {
        PlacementRow row = shift.row();
        return new MyShift().id(row.id()).kind(PlacementKind.fromValue(row.kind())).agreementId(row.agreementId())
                .workerId(row.workerId()).employerMemberId(row.employerMemberId())
                .role(row.role() == null ? null : QualificationRole.fromValue(row.role()))
                .startsAt(row.startsAt()).endsAt(row.endsAt()).breakMinutes(row.breakMinutes())
                .locationPostcode(row.locationPostcode()).status(row.status()).cancelledAt(row.cancelledAt())
                .worksFor(new ShiftMember().id(row.borrowerMemberId()).name(shift.memberName())
                        .postcode(shift.memberPostcode()));
    }
}
