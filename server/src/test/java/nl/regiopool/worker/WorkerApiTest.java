package nl.regiopool.worker;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.ContractType;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MemberPatch;
import nl.regiopool.client.model.MemberStatus;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Pool;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.Qualification;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WorkerList;
import nl.regiopool.client.model.WorkerPatch;
import nl.regiopool.client.model.WorkerStatus;
import nl.regiopool.client.model.WorkerVisibility;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerApiTest extends ApiTest {

    private UUID tenant;
    private WorkersApi admin;
    private PoolsApi pools;
    private Member home;
    private Member other;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        pools = new PoolsApi(TestApp.client(TestApp.adminToken(tenant)));
        home = newMember(tenant, "Huisartsenpraktijk Thuis");
        other = newMember(tenant, "Gezondheidscentrum Anders");
    }

    private WorkersApi asMember(Member member) {
        return new WorkersApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
    }

    private Worker newWorker(Member employer, String givenName) throws ApiException {
        return admin.createWorker(workerCreate(employer.getId(), givenName, "Jansen"), null);
    }

    private void putInPool(Worker worker, LocalDate from, LocalDate to) throws ApiException {
        Pool pool = pools.createPool(new PoolCreate().name("Pool " + UUID.randomUUID()), null);
        pools.createPoolMembership(pool.getId(), new PoolMembershipCreate().workerId(worker.getId())
                .kind(MembershipKind.FLEX).from(from).to(to), null);
    }

    private ApiResponse<Worker> registerAnna() throws ApiException {
        return admin.createWorkerWithHttpInfo(workerCreate(home.getId(), "Anna", "de Vries")
                .postcode("7001ab")
                .qualifications(List.of(
                        new Qualification().role(QualificationRole.VERPLEEGKUNDIGE).bigNumber("19012345601")
                                .validUntil(LocalDate.of(2029, 6, 30)),
                        new Qualification().role(QualificationRole.POH_SOMATIEK))), null);
    }

    @Test
    void adminRegistersAWorkerWithQualifications() throws ApiException {
        ApiResponse<Worker> created = registerAnna();

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("etag")).containsExactly("\"1\"");
        Worker worker = created.getData();
        assertThat(created.getHeaders().get("location").get(0)).endsWith("/v1/workers/" + worker.getId());
        assertThat(worker.getVisibility()).isEqualTo(WorkerVisibility.FULL);
        assertThat(worker.getStatus()).isEqualTo(WorkerStatus.ACTIVE);
        assertThat(worker.getPostcode()).isEqualTo("7001 AB");
        assertThat(worker.getEmail()).isEqualTo("anna@example.nl");
        assertThat(worker.getHourlyCostCents()).isEqualTo(3150);
        assertThat(worker.getPoolIds()).isEmpty();
        assertThat(worker.getQualifications()).extracting(Qualification::getRole)
                .containsExactly(QualificationRole.POH_SOMATIEK, QualificationRole.VERPLEEGKUNDIGE);
        assertThat(worker.getQualifications().get(1).getBigNumber()).isEqualTo("19012345601");
        assertThat(worker.getQualifications().get(1).getValidUntil()).isEqualTo(LocalDate.of(2029, 6, 30));
        assertThat(admin.getWorker(worker.getId())).isEqualTo(worker);
    }

    @Test
    void aRegistrationIsAuditedWithoutContactDetails() throws ApiException {
        Worker worker = registerAnna().getData();
        List<AuditEvent> events = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)))
                .listAuditEvents("worker", worker.getId(), null, null, null, null, null).getData();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo("worker.created");
            assertThat(event.getAfter()).containsEntry("familyName", "de Vries").containsEntry("hourlyCostCents", 3150);
            assertThat(event.getAfter().get("email")).as("no contact details in the audit log").isNull();
            assertThat(event.getAfter().get("phone")).isNull();
        });
    }

    @Test
    void aMemberSeesItsOwnWorkersInFullButOtherMembersPooledWorkersLimited() throws ApiException {
        Worker own = newWorker(home, "Eigen");
        Worker pooled = newWorker(other, "Gepoold");
        Worker unpooled = newWorker(other, "Nietgepoold");
        Worker formerlyPooled = newWorker(other, "Vroeger");
        Worker future = newWorker(other, "Straks");
        putInPool(pooled, LocalDate.now().minusDays(10), null);
        putInPool(formerlyPooled, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31));
        putInPool(future, LocalDate.now().plusMonths(1), LocalDate.now().plusMonths(3));
        WorkersApi member = asMember(home);

        Worker ownView = member.getWorker(own.getId());
        assertThat(ownView.getVisibility()).isEqualTo(WorkerVisibility.FULL);
        assertThat(ownView.getEmail()).isEqualTo("eigen@example.nl");
        assertThat(ownView.getHourlyCostCents()).isEqualTo(3150);

        Worker limited = member.getWorker(pooled.getId());
        assertThat(limited.getVisibility()).isEqualTo(WorkerVisibility.LIMITED);
        assertThat(limited.getGivenName()).isEqualTo("Gepoold");
        assertThat(limited.getQualifications()).extracting(Qualification::getRole).containsExactly(QualificationRole.DOKTERSASSISTENT);
        assertThat(limited.getPoolIds()).hasSize(1);
        assertThat(limited.getEmail()).isNull();
        assertThat(limited.getPhone()).isNull();
        assertThat(limited.getHourlyCostCents()).isNull();
        assertThat(limited.getContractHoursPerWeek()).isNull();
        assertThat(limited.getContractType()).isNull();
        assertThat(limited.getPostcode()).isNull();
        assertThat(member.getWorker(future.getId()).getVisibility()).isEqualTo(WorkerVisibility.LIMITED);

        expectProblem(404, "NOT_FOUND", () -> member.getWorker(unpooled.getId()));
        expectProblem(404, "NOT_FOUND", () -> member.getWorker(formerlyPooled.getId()));

        assertThat(member.listWorkers(null, null, null, null, null, 200, null).getData())
                .extracting(Worker::getId).containsExactly(own.getId(), pooled.getId(), future.getId());
        assertThat(member.listWorkers(other.getId(), null, null, null, null, 200, null).getData())
                .extracting(Worker::getVisibility).containsOnly(WorkerVisibility.LIMITED).hasSize(2);

        WorkersApi auditor = new WorkersApi(TestApp.client(TestApp.auditorToken(tenant)));
        Worker audited = auditor.getWorker(unpooled.getId());
        assertThat(audited.getVisibility()).isEqualTo(WorkerVisibility.NO_CONTACT);
        assertThat(audited.getEmail()).isNull();
        assertThat(audited.getPhone()).isNull();
        assertThat(audited.getHourlyCostCents()).isEqualTo(3150);
        assertThat(auditor.listWorkers(null, null, null, null, null, 200, null).getData())
                .hasSize(5).allSatisfy(worker -> assertThat(worker.getEmail()).isNull());
        assertThat(admin.getWorker(unpooled.getId()).getEmail()).isEqualTo("nietgepoold@example.nl");
    }

    @Test
    void writesPerRole() throws ApiException {
        Worker othersPooled = newWorker(other, "Gepoold");
        Worker othersUnpooled = newWorker(other, "Verborgen");
        putInPool(othersPooled, LocalDate.now(), null);
        WorkersApi member = asMember(home);
        WorkersApi auditor = new WorkersApi(TestApp.client(TestApp.auditorToken(tenant)));
        WorkersApi operator = new WorkersApi(TestApp.client(TestApp.operatorToken()));

        Worker own = member.createWorker(workerCreate(home.getId(), "Zelf", "Gemaakt"), null);
        assertThat(own.getEmployerMemberId()).isEqualTo(home.getId());
        Worker changed = member.updateWorker(own.getId(), "\"1\"", new WorkerPatch().contractHoursPerWeek(32));
        assertThat(changed.getContractHoursPerWeek()).isEqualTo(32);

        long before = rowCount("worker");
        expectProblem(403, "FORBIDDEN", () -> member.createWorker(workerCreate(other.getId(), "Niet", "Van Mij"), null));
        expectProblem(403, "FORBIDDEN", () -> auditor.createWorker(workerCreate(home.getId(), "A", "B"), null));
        expectProblem(403, "FORBIDDEN", () -> operator.createWorker(workerCreate(home.getId(), "A", "B"), null));
        expectProblem(403, "FORBIDDEN", () -> operator.listWorkers(null, null, null, null, null, null, null));
        expectProblem(403, "FORBIDDEN", () -> operator.getWorker(own.getId()));
        expectProblem(403, "FORBIDDEN", () -> member.updateWorker(othersPooled.getId(), "\"1\"", new WorkerPatch().givenName("X")));
        expectProblem(404, "NOT_FOUND", () -> member.updateWorker(othersUnpooled.getId(), "\"1\"", new WorkerPatch().givenName("X")));
        expectProblem(403, "FORBIDDEN", () -> auditor.updateWorker(own.getId(), "\"2\"", new WorkerPatch().givenName("X")));
        assertThat(rowCount("worker")).isEqualTo(before);
        assertThat(admin.getWorker(othersPooled.getId()).getGivenName()).isEqualTo("Gepoold");
        assertThat(admin.updateWorker(othersPooled.getId(), "\"1\"", new WorkerPatch().hourlyCostCents(3300)).getHourlyCostCents())
                .isEqualTo(3300);
    }

    @Test
    void anotherCooperativesWorkerIsNotFound() throws ApiException {
        UUID elsewhere = newCooperative();
        Member theirMember = newMember(elsewhere, "Elders");
        Worker theirs = new WorkersApi(TestApp.client(TestApp.adminToken(elsewhere)))
                .createWorker(workerCreate(theirMember.getId(), "Vreemd", "Elders"), null);

        expectProblem(404, "NOT_FOUND", () -> admin.getWorker(theirs.getId()));
        expectProblem(404, "NOT_FOUND", () -> admin.updateWorker(theirs.getId(), "\"1\"", new WorkerPatch().givenName("X")));
        expectProblem(404, "NOT_FOUND", () -> asMember(home).getWorker(theirs.getId()));
        assertThat(admin.listWorkers(null, null, null, null, null, 200, null).getData()).isEmpty();
        expectProblem(404, "NOT_FOUND", () -> admin.getWorker(UUID.randomUUID()));
        // a member of another cooperative is no employer here
        Problem problem = expectProblem(422, "VALIDATION_FAILED",
                () -> admin.createWorker(workerCreate(theirMember.getId(), "A", "B"), null));
        assertThat(problem.getErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(tuple("employerMemberId", "NOT_FOUND"));
    }

    @Test
    void invalidFieldsAreNamedWithoutWriting() throws ApiException {
        long before = rowCount("worker");
        Problem schema = expectProblem(422, "VALIDATION_FAILED", () -> admin.createWorker(workerCreate(home.getId(), "A", "B")
                .contractHoursPerWeek(61).hourlyCostCents(0).email("not-an-email")
                .qualifications(List.of(new Qualification().role(QualificationRole.HUISARTS).bigNumber("1234"))), null));
        assertThat(schema.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactlyInAnyOrder(
                tuple("contractHoursPerWeek", "OUT_OF_RANGE"),
                tuple("hourlyCostCents", "OUT_OF_RANGE"),
                tuple("email", "INVALID_FORMAT"),
                tuple("qualifications[0].bigNumber", "INVALID_FORMAT"));

        Problem big = expectProblem(422, "VALIDATION_FAILED", () -> admin.createWorker(workerCreate(home.getId(), "A", "B")
                .qualifications(List.of(
                        new Qualification().role(QualificationRole.HUISARTS),
                        new Qualification().role(QualificationRole.DOKTERSASSISTENT).bigNumber("12345678901"),
                        new Qualification().role(QualificationRole.HUISARTS).bigNumber("12345678901"))), null));
        assertThat(big.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(
                tuple("qualifications[0].bigNumber", "BIG_NUMBER_REQUIRED"),
                tuple("qualifications[1].bigNumber", "BIG_NUMBER_NOT_ALLOWED"),
                tuple("qualifications[2].role", "DUPLICATE"));

        expectProblem(422, "VALIDATION_FAILED", () -> admin.createWorker(workerCreate(home.getId(), "A", "B")
                .contractHoursPerWeek(-1), null));
        Problem unknown = expectProblem(422, "VALIDATION_FAILED",
                () -> admin.createWorker(workerCreate(UUID.randomUUID(), "A", "B"), null));
        assertThat(unknown.getErrors()).extracting(FieldError::getCode).containsExactly("NOT_FOUND");

        new MembersApi(TestApp.client(TestApp.adminToken(tenant)))
                .updateMember(other.getId(), "\"1\"", new MemberPatch().status(MemberStatus.SUSPENDED));
        Problem suspended = expectProblem(422, "VALIDATION_FAILED",
                () -> admin.createWorker(workerCreate(other.getId(), "A", "B"), null));
        assertThat(suspended.getErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(tuple("employerMemberId", "NOT_ACTIVE"));
        assertThat(rowCount("worker")).isEqualTo(before);

        Worker worker = newWorker(home, "Geldig");
        Problem patch = expectProblem(422, "VALIDATION_FAILED", () -> admin.updateWorker(worker.getId(),
                "\"1\"",
                new WorkerPatch().qualifications(List.of(new Qualification().role(QualificationRole.VERPLEEGKUNDIG_SPECIALIST)))));
        assertThat(patch.getErrors()).extracting(FieldError::getCode).containsExactly("BIG_NUMBER_REQUIRED");
        assertThat(admin.getWorker(worker.getId()).getQualifications()).extracting(Qualification::getRole)
                .containsExactly(QualificationRole.DOKTERSASSISTENT);
    }

    @Test
    void aWorkerIsPatchedUnderItsETagUntilItLeavesForGood() throws ApiException {
        Worker worker = newWorker(home, "Wisselaar");

        expectProblem(412, "PRECONDITION_FAILED", () -> admin.updateWorker(worker.getId(), "\"2\"", new WorkerPatch().givenName("A")));

        ApiResponse<Worker> changed = admin.updateWorkerWithHttpInfo(worker.getId(), "\"1\"", new WorkerPatch()
                .qualifications(List.of(new Qualification().role(QualificationRole.TRIAGIST),
                        new Qualification().role(QualificationRole.HUISARTS).bigNumber("39012345601")))
                .contractType(ContractType.FIXED_TERM).postcode("7002cd"));
        assertThat(changed.getHeaders().get("etag")).containsExactly("\"2\"");
        assertThat(changed.getData().getQualifications()).extracting(Qualification::getRole)
                .containsExactly(QualificationRole.HUISARTS, QualificationRole.TRIAGIST);
        assertThat(changed.getData().getContractType()).isEqualTo(ContractType.FIXED_TERM);
        assertThat(changed.getData().getPostcode()).isEqualTo("7002 CD");
        assertThat(changed.getData().getGivenName()).isEqualTo("Wisselaar");

        Worker left = admin.updateWorker(worker.getId(), "\"2\"", new WorkerPatch().status(WorkerStatus.LEFT));
        assertThat(left.getStatus()).isEqualTo(WorkerStatus.LEFT);
        expectProblem(409, "WORKER_LEFT", () -> admin.updateWorker(worker.getId(), "\"3\"", new WorkerPatch().status(WorkerStatus.ACTIVE)));
        assertThat(new AuditApi(TestApp.client(TestApp.adminToken(tenant)))
                .listAuditEvents("worker", worker.getId(), null, null, null, null, null).getData())
                .extracting(AuditEvent::getAction).containsExactly("worker.created", "worker.updated", "worker.left");
    }

    @Test
    void concurrentPatchesWithTheSameETagLetExactlyOneWin() throws Exception {
        Worker worker = newWorker(home, "Gedeeld");
        WorkersApi member = asMember(home);
        List<Integer> statuses = concurrentStatuses(8, i -> (i % 2 == 0 ? admin : member)
                .updateWorker(worker.getId(), "\"1\"", new WorkerPatch().contractHoursPerWeek(20 + i)));
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
        assertThat(admin.getWorkerWithHttpInfo(worker.getId()).getHeaders().get("etag")).containsExactly("\"2\"");
    }

    @Test
    void pagesThroughAThousandWorkersExactlyOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Set<UUID> created = new HashSet<>();
        try {
            List<Future<UUID>> ids = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Member employer = i % 3 == 0 ? other : home;
                String familyName = "Nummer" + i;
                ids.add(threads.submit(() -> admin.createWorker(workerCreate(employer.getId(), "Werker", familyName), null).getId()));
            }
            for (Future<UUID> id : ids) {
                created.add(id.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(created).hasSize(1000);

        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            WorkerList page = admin.listWorkers(null, null, null, null, null, 200, cursor);
            assertThat(page.getData()).hasSizeLessThanOrEqualTo(200);
            page.getData().forEach(worker -> seen.add(worker.getId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(1000).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(seen)).isEqualTo(created);
        assertThat(pages).isBetween(5, 6);

        int fromHome = 0;
        String memberCursor = null;
        do {
            WorkerList page = asMember(home).listWorkers(null, null, null, null, null, 150, memberCursor);
            fromHome += page.getData().size();
            assertThat(page.getData()).allSatisfy(worker -> assertThat(worker.getEmployerMemberId()).isEqualTo(home.getId()));
            memberCursor = page.getNextCursor();
        } while (memberCursor != null);
        assertThat(fromHome).isEqualTo(666);
    }

    @Test
    void eachWorkerFilterSelectsTheMatchingWorkers() throws ApiException {
        Worker anna = admin.createWorker(workerCreate(home.getId(), "Anna", "Bakker")
                .qualifications(List.of(new Qualification().role(QualificationRole.POH_GGZ))), null);
        Worker bram = newWorker(other, "Bram");
        Worker cor = newWorker(home, "Cor");
        admin.updateWorker(cor.getId(), "\"1\"", new WorkerPatch().status(WorkerStatus.INACTIVE));
        Worker percent = admin.createWorker(workerCreate(home.getId(), "Do%", "Ex_act"), null);
        putInPool(bram, LocalDate.now(), null);
        UUID poolId = admin.getWorker(bram.getId()).getPoolIds().get(0);

        assertThat(ids(admin.listWorkers(home.getId(), null, null, null, null, null, null)))
                .containsExactly(anna.getId(), cor.getId(), percent.getId());
        assertThat(ids(admin.listWorkers(null, QualificationRole.POH_GGZ, null, null, null, null, null)))
                .containsExactly(anna.getId());
        assertThat(ids(admin.listWorkers(null, null, WorkerStatus.INACTIVE, null, null, null, null)))
                .containsExactly(cor.getId());
        assertThat(ids(admin.listWorkers(null, null, null, poolId, null, null, null)))
                .containsExactly(bram.getId());
        assertThat(ids(admin.listWorkers(null, null, null, null, "anna bak", null, null)))
                .containsExactly(anna.getId());
        assertThat(ids(admin.listWorkers(null, null, null, null, "%", null, null)))
                .containsExactly(percent.getId());
        assertThat(ids(admin.listWorkers(null, null, null, null, "_", null, null)))
                .containsExactly(percent.getId());
        expectProblem(422, "VALIDATION_FAILED", () -> admin.listWorkers(null, null, null, null, null, 201, null));
        expectProblem(422, "VALIDATION_FAILED", () -> admin.listWorkers(null, null, null, null, null, null, "nope"));
    }

    @Test
    void idempotentCreateReplaysTheFirstResponse() throws ApiException {
        var body = workerCreate(home.getId(), "Eenmalig", "Jansen");
        long before = rowCount("worker");
        Worker first = admin.createWorker(body, "worker-key");
        ApiResponse<Worker> again = admin.createWorkerWithHttpInfo(body, "worker-key");
        assertThat(again.getData()).isEqualTo(first);
        assertThat(again.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(rowCount("worker")).isEqualTo(before + 1);
        expectProblem(422, "IDEMPOTENCY_KEY_REUSED",
                () -> admin.createWorker(workerCreate(home.getId(), "Ander", "Jansen"), "worker-key"));
    }

    private static List<UUID> ids(WorkerList list) {
        return list.getData().stream().map(Worker::getId).toList();
    }
}
