package nl.regiopool.export;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.DataExportApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.SettlementsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditVerification;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.CloseSettlementRequest;
import nl.regiopool.client.model.CompletePlacementRequest;
import nl.regiopool.client.model.ConfirmPlacementRequest;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.Placement;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.PlacementStatus;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Settlement;
import nl.regiopool.client.model.SettlementCreate;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WorkerErasure;
import nl.regiopool.client.model.WorkerPatch;
import nl.regiopool.client.model.WorkerStatus;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerErasureApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 4);
    /** Distinct in every test, so that one test's worker is not found in another's search. */
    private final String mark = java.util.concurrent.ThreadLocalRandom.current().ints(8, 'a', 'z' + 1)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    private final String given = "Wilhelmina" + mark;
    private final String family = "Quispel-Vandenacker" + mark;
    private final String email = "w.quispel." + mark + "@example.nl";
    private final String phone = "+31 6 " + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);

    private UUID tenant;
    private Member home;
    private Member borrower;
    private Worker worker;
    private WorkersApi workers;
    private DataExportApi admin;

    @BeforeEach
    void aWorkerWithAHistory() throws ApiException {
        tenant = newCooperative();
        home = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        workers = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        worker = workers.createWorker(workerCreate(home.getId(), given, family).email(email).phone(phone), null);
        admin = new DataExportApi(TestApp.client(TestApp.adminToken(tenant)));
    }

    @Test
    void anErasedWorkerIsNowhereInTheDatabaseAndTheChainStillVerifies() throws Exception {
        LoanAgreement agreement = activeAgreement(tenant, home.getId(), borrower.getId(), worker.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
        Placement completed = completedShift(agreement);
        SettlementsApi settlements = new SettlementsApi(TestApp.client(TestApp.adminToken(tenant)));
        Settlement march = settlements.createSettlement(new SettlementCreate().period("2026-03"), null);
        settlements.closeSettlement(march.getId(), "*", null, new CloseSettlementRequest().note("Maart akkoord"));
        Worker left = leave();
        assertThat(countOf(given) + countOf(email) + countOf(phone)).as("her data before").isPositive();

        WorkerErasure erasure = admin.eraseWorker(worker.getId(), "erase-" + UUID.randomUUID());

        assertThat(erasure.getWorkerId()).isEqualTo(worker.getId());
        assertThat(erasure.getRedactedAuditEvents()).isPositive();
        assertThat(hits(given)).isEmpty();
        assertThat(hits(family)).isEmpty();
        assertThat(hits(email)).isEmpty();
        assertThat(hits(phone)).isEmpty();
        Worker pseudonym = workers.getWorker(worker.getId());
        assertThat(pseudonym.getGivenName()).isEqualTo("Erased");
        assertThat(pseudonym.getEmail()).isNull();
        assertThat(pseudonym.getPostcode()).isNull();
        assertThat(pseudonym.getStatus()).isEqualTo(WorkerStatus.LEFT);
        assertThat(new PlacementsApi(TestApp.client(TestApp.adminToken(tenant))).getPlacement(completed.getId())
                .getWorkerId()).as("the hours stay, with the pseudonym").isEqualTo(worker.getId());
        assertThat(settlements.getSettlement(march.getId()).getId()).isEqualTo(march.getId());
        assertThat(left.getStatus()).isEqualTo(WorkerStatus.LEFT);

        AuditVerification verification = new AuditApi(TestApp.client(TestApp.auditorToken(tenant))).verifyAuditChain();
        assertThat(verification.getIntact()).isTrue();
        assertThat(verification.getRedactedEvents()).isGreaterThanOrEqualTo(erasure.getRedactedAuditEvents());

        assertThat(admin.eraseWorker(worker.getId(), null).getRedactedAuditEvents()).as("again: nothing left").isZero();
    }

    @Test
    void aWorkerWhoHasNotLeftIsNotErasedAndNothingIsWritten() throws Exception {
        Map<String, Long> before = allRowCounts();
        expectProblem(409, "WORKER_NOT_LEFT", () -> admin.eraseWorker(worker.getId(), null));
        assertThat(allRowCounts()).isEqualTo(before);
        assertThat(workers.getWorker(worker.getId()).getGivenName()).isEqualTo(given);
    }

    @Test
    void aWorkerWithPlacementsToComeIsNotErased() throws Exception {
        LoanAgreement agreement = activeAgreement(tenant, home.getId(), borrower.getId(), worker.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 6, 30), 16,
                "CAO_HUISARTSENZORG");
        PlacementsApi placements = new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, borrower.getId())));
        ApiResponse<Placement> planned = placements.createPlacementWithHttpInfo(
                shift(agreement, LocalDate.of(2027, 2, 3)), null);
        leave();

        Map<String, Long> before = allRowCounts();
        expectProblem(409, "WORKER_HAS_FUTURE_PLACEMENTS", () -> admin.eraseWorker(worker.getId(), null));
        assertThat(allRowCounts()).isEqualTo(before);

        placements.cancelPlacement(planned.getData().getId(), etag(planned), new CancelRequest().reason("Vertrokken"),
                null);
        assertThat(admin.eraseWorker(worker.getId(), null).getWorkerId()).isEqualTo(worker.getId());
    }

    @Test
    void anotherCooperativesWorkerIsNotFound() throws Exception {
        leave();
        DataExportApi otherAdmin = new DataExportApi(TestApp.client(TestApp.adminToken(newCooperative())));
        expectProblem(404, "NOT_FOUND", () -> otherAdmin.eraseWorker(worker.getId(), null));
        expectProblem(404, "NOT_FOUND", () -> otherAdmin.getWorkerDataExport(worker.getId()));
        assertThat(workers.getWorker(worker.getId()).getGivenName()).isEqualTo(given);
    }

    private Worker leave() throws ApiException {
        ApiResponse<Worker> current = workers.getWorkerWithHttpInfo(worker.getId());
        return workers.updateWorker(worker.getId(), etag(current), new WorkerPatch().status(WorkerStatus.LEFT));
    }

    private Placement completedShift(LoanAgreement agreement) throws ApiException {
        PlacementsApi asBorrower = new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, borrower.getId())));
        PlacementsApi asHome = new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, home.getId())));
        ApiResponse<Placement> created = asBorrower.createPlacementWithHttpInfo(shift(agreement, MARCH), null);
        ApiResponse<Placement> confirmed = asHome.confirmPlacementWithHttpInfo(created.getData().getId(),
                etag(created), null, new ConfirmPlacementRequest());
        Placement placement = confirmed.getData();
        Placement completed = asBorrower.completePlacement(placement.getId(), etag(confirmed),
                new CompletePlacementRequest().actualStartsAt(placement.getStartsAt())
                        .actualEndsAt(placement.getEndsAt()).breakMinutes(0), null);
        assertThat(completed.getStatus()).isEqualTo(PlacementStatus.COMPLETED);
        return completed;
    }

    private static PlacementCreate shift(LoanAgreement agreement, LocalDate date) {
        return new PlacementCreate().agreementId(agreement.getId()).startsAt(at(date, 9)).endsAt(at(date, 13))
                .breakMinutes(0).locationPostcode("7001 AB");
    }

    private static OffsetDateTime at(LocalDate date, int hour) {
        return date.atTime(LocalTime.of(hour, 0)).atZone(AMSTERDAM).toOffsetDateTime();
    }

    private long countOf(String text) throws Exception {
        return hits(text).size();
    }

    private static List<String> hits(String text) throws Exception {
        return EveryColumn.holding(text);
    }
}
