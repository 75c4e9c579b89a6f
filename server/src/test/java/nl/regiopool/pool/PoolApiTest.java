package nl.regiopool.pool;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Pool;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolList;
import nl.regiopool.client.model.PoolMembership;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.PoolMembershipPatch;
import nl.regiopool.client.model.PoolPatch;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.Qualification;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WorkerPatch;
import nl.regiopool.client.model.WorkerStatus;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolApiTest extends ApiTest {

    private static final LocalDate JAN_1 = LocalDate.of(2027, 1, 1);

    private UUID tenant;
    private PoolsApi admin;
    private WorkersApi workers;
    private Member home;
    private Member other;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = new PoolsApi(TestApp.client(TestApp.adminToken(tenant)));
        workers = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        home = newMember(tenant, "Huisartsenpraktijk Thuis");
        other = newMember(tenant, "Gezondheidscentrum Anders");
    }

    private Worker newWorker(Member employer, String givenName) throws ApiException {
        return workers.createWorker(workerCreate(employer.getId(), givenName, "Pool"), null);
    }

    private Pool newPool(String name) throws ApiException {
        return admin.createPool(new PoolCreate().name(name), null);
    }

    private static PoolMembershipCreate membership(Worker worker, MembershipKind kind, LocalDate from, LocalDate to) {
        return new PoolMembershipCreate().workerId(worker.getId()).kind(kind).from(from).to(to);
    }

    @Test
    void adminBuildsAPoolOfFixedBasePlusFlexMembershipsAllAudited() throws ApiException {
        ApiResponse<Pool> created = admin.createPoolWithHttpInfo(new PoolCreate().name("Flexpool doktersassistenten")
                .description("Assistenten voor de regio").allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("etag")).containsExactly("\"1\"");
        Pool pool = created.getData();
        assertThat(pool.getAllowedRoles()).containsExactly(QualificationRole.DOKTERSASSISTENT);
        assertThat(created.getHeaders().get("location").get(0)).endsWith("/v1/pools/" + pool.getId());

        Worker fixed = newWorker(home, "Vast");
        Worker flex = newWorker(other, "Flex");
        ApiResponse<PoolMembership> base = admin.createPoolMembershipWithHttpInfo(pool.getId(),
                membership(fixed, MembershipKind.FIXED_BASE, LocalDate.now().minusMonths(1), null).maxHoursPerWeek(8), null);
        assertThat(base.getStatusCode()).isEqualTo(201);
        assertThat(base.getHeaders().get("location").get(0))
                .endsWith("/v1/pools/" + pool.getId() + "/memberships/" + base.getData().getId());
        PoolMembership flexMembership = admin.createPoolMembership(pool.getId(),
                membership(flex, MembershipKind.FLEX, LocalDate.now().minusMonths(2), LocalDate.now().plusMonths(6)), null);

        assertThat(admin.listPoolMemberships(pool.getId(), null, null).getData())
                .extracting(PoolMembership::getWorkerId, PoolMembership::getKind, PoolMembership::getMaxHoursPerWeek)
                .containsExactly(tuple(fixed.getId(), MembershipKind.FIXED_BASE, 8), tuple(flex.getId(), MembershipKind.FLEX, null));
        assertThat(admin.getPoolMembership(pool.getId(), flexMembership.getId())).isEqualTo(flexMembership);
        assertThat(workers.getWorker(fixed.getId()).getPoolIds()).containsExactly(pool.getId());
        assertThat(workers.listWorkers(null, null, null, pool.getId(), null, null, null).getData())
                .extracting(Worker::getId).containsExactly(fixed.getId(), flex.getId());

        PoolMembership ended = admin.updatePoolMembership(pool.getId(), flexMembership.getId(),
                "\"1\"", new PoolMembershipPatch().to(LocalDate.now().minusDays(7)));
        assertThat(ended.getTo()).isEqualTo(LocalDate.now().minusDays(7));
        assertThat(workers.getWorker(flex.getId()).getPoolIds()).isEmpty();

        AuditApi audit = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)));
        assertThat(audit.listAuditEvents("pool", pool.getId(), null, null, null, null, null).getData())
                .extracting(AuditEvent::getAction).containsExactly("pool.created");
        assertThat(audit.listAuditEvents("pool_membership", flexMembership.getId(), null, null, null, null, null).getData())
                .extracting(AuditEvent::getAction).containsExactly("pool_membership.created", "pool_membership.ended");
        assertThat(audit.verifyAuditChain().getIntact()).isTrue();
    }

    @Test
    void overlappingMembershipsOfOneWorkerInOnePoolConflict() throws ApiException {
        Pool pool = newPool("Flexpool");
        Pool second = newPool("Vaste basis");
        Worker worker = newWorker(home, "Dubbel");
        PoolMembership first = admin.createPoolMembership(pool.getId(),
                membership(worker, MembershipKind.FLEX, JAN_1, JAN_1.plusMonths(3).minusDays(1)), null);

        expectProblem(409, "POOL_MEMBERSHIP_OVERLAP", () -> admin.createPoolMembership(pool.getId(),
                membership(worker, MembershipKind.FIXED_BASE, JAN_1.plusMonths(2), null), null));
        expectProblem(409, "POOL_MEMBERSHIP_OVERLAP", () -> admin.createPoolMembership(pool.getId(),
                membership(worker, MembershipKind.FLEX, JAN_1.minusYears(1), JAN_1), null));
        // the day after the last day is free; another pool is free; another worker is free
        admin.createPoolMembership(pool.getId(), membership(worker, MembershipKind.FIXED_BASE, JAN_1.plusMonths(3), null), null);
        admin.createPoolMembership(second.getId(), membership(worker, MembershipKind.FIXED_BASE, JAN_1, null), null);
        admin.createPoolMembership(pool.getId(), membership(newWorker(home, "Ander"), MembershipKind.FLEX, JAN_1, null), null);

        // extending the first into the open-ended one overlaps too
        expectProblem(409, "POOL_MEMBERSHIP_OVERLAP", () -> admin.updatePoolMembership(pool.getId(), first.getId(),
                "\"1\"", new PoolMembershipPatch().to(JAN_1.plusMonths(4))));
        assertThat(admin.getPoolMembership(pool.getId(), first.getId()).getTo()).isEqualTo(JAN_1.plusMonths(3).minusDays(1));
    }

    @Test
    void concurrentOverlappingMembershipsLetExactlyOneIn() throws Exception {
        Pool pool = newPool("Gelijktijdig");
        Worker worker = newWorker(home, "Race");
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                LocalDate from = JAN_1.plusDays(i);
                outcomes.add(threads.submit(() -> {
                    try {
                        admin.createPoolMembership(pool.getId(), membership(worker, MembershipKind.FLEX, from, null), null);
                        return 201;
                    } catch (ApiException e) {
                        return e.getCode();
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(admin.listPoolMemberships(pool.getId(), null, null).getData()).hasSize(1);
    }

    @Test
    void membershipInputIsValidated() throws ApiException {
        Pool pool = admin.createPool(new PoolCreate().name("Verpleegkundigen")
                .allowedRoles(Set.of(QualificationRole.VERPLEEGKUNDIGE, QualificationRole.POH_SOMATIEK)), null);
        Worker assistant = newWorker(home, "Assistent");
        Worker nurse = workers.createWorker(workerCreate(home.getId(), "Zuster", "Pool").qualifications(List.of(
                new Qualification().role(QualificationRole.VERPLEEGKUNDIGE).bigNumber("19012345601"))), null);
        Worker inactive = workers.createWorker(workerCreate(home.getId(), "Rust", "Pool").qualifications(List.of(
                new Qualification().role(QualificationRole.POH_SOMATIEK))), null);
        workers.updateWorker(inactive.getId(), "\"1\"", new WorkerPatch().status(WorkerStatus.INACTIVE));
        long before = rowCount("pool_membership");

        Problem period = expectProblem(422, "VALIDATION_FAILED", () -> admin.createPoolMembership(pool.getId(),
                membership(nurse, MembershipKind.FLEX, JAN_1, JAN_1.minusDays(1)), null));
        assertThat(period.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(tuple("to", "INVALID_PERIOD"));
        Problem notActive = expectProblem(422, "VALIDATION_FAILED", () -> admin.createPoolMembership(pool.getId(),
                membership(inactive, MembershipKind.FLEX, JAN_1, null), null));
        assertThat(notActive.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(tuple("workerId", "NOT_ACTIVE"));
        Problem notQualified = expectProblem(422, "VALIDATION_FAILED", () -> admin.createPoolMembership(pool.getId(),
                membership(assistant, MembershipKind.FLEX, JAN_1, null), null));
        assertThat(notQualified.getErrors()).extracting(FieldError::getCode).containsExactly("NOT_QUALIFIED");
        Problem unknown = expectProblem(422, "VALIDATION_FAILED", () -> admin.createPoolMembership(pool.getId(),
                new PoolMembershipCreate().workerId(UUID.randomUUID()).kind(MembershipKind.FLEX).from(JAN_1), null));
        assertThat(unknown.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(tuple("workerId", "NOT_FOUND"));
        Problem hours = expectProblem(422, "VALIDATION_FAILED", () -> admin.createPoolMembership(pool.getId(),
                membership(nurse, MembershipKind.FLEX, JAN_1, null).maxHoursPerWeek(61), null));
        assertThat(hours.getErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(tuple("maxHoursPerWeek", "OUT_OF_RANGE"));
        Problem missing = expectProblem(422, "VALIDATION_FAILED", () -> admin.createPoolMembership(pool.getId(),
                new PoolMembershipCreate().workerId(nurse.getId()).kind(MembershipKind.FLEX), null));
        assertThat(missing.getErrors()).extracting(FieldError::getField).containsExactly("from");
        assertThat(rowCount("pool_membership")).isEqualTo(before);

        PoolMembership ok = admin.createPoolMembership(pool.getId(), membership(nurse, MembershipKind.FLEX, JAN_1, null), null);
        Problem endBeforeStart = expectProblem(422, "VALIDATION_FAILED", () -> admin.updatePoolMembership(pool.getId(), ok.getId(),
                "\"1\"", new PoolMembershipPatch().to(JAN_1.minusDays(1))));
        assertThat(endBeforeStart.getErrors()).extracting(FieldError::getCode).containsExactly("INVALID_PERIOD");
        expectProblem(412, "PRECONDITION_FAILED", () -> admin.updatePoolMembership(pool.getId(), ok.getId(),
                "\"5\"", new PoolMembershipPatch().to(JAN_1)));
        // a membership belongs to its pool
        expectProblem(404, "NOT_FOUND", () -> admin.getPoolMembership(newPool("Ander").getId(), ok.getId()));
    }

    @Test
    void onlyAdminsWritePoolsThatEveryTenantRoleReads() throws ApiException {
        Pool pool = newPool("Regiopool");
        Worker worker = newWorker(home, "Lid");
        PoolMembership membership = admin.createPoolMembership(pool.getId(), membership(worker, MembershipKind.FLEX, JAN_1, null), null);
        PoolsApi member = new PoolsApi(TestApp.client(TestApp.memberToken(tenant, home.getId())));
        PoolsApi auditor = new PoolsApi(TestApp.client(TestApp.auditorToken(tenant)));
        PoolsApi operator = new PoolsApi(TestApp.client(TestApp.operatorToken()));

        for (PoolsApi reader : List.of(member, auditor)) {
            assertThat(reader.getPool(pool.getId())).isEqualTo(pool);
            assertThat(reader.listPools(null, null).getData()).containsExactly(pool);
            assertThat(reader.listPoolMemberships(pool.getId(), null, null).getData()).containsExactly(membership);
            assertThat(reader.getPoolMembership(pool.getId(), membership.getId())).isEqualTo(membership);
        }
        long pools = rowCount("pool");
        long memberships = rowCount("pool_membership");
        for (PoolsApi writer : List.of(member, auditor, operator)) {
            expectProblem(403, "FORBIDDEN", () -> writer.createPool(new PoolCreate().name("Nee"), null));
            expectProblem(403, "FORBIDDEN", () -> writer.updatePool(pool.getId(), "\"1\"", new PoolPatch().name("Nee")));
            expectProblem(403, "FORBIDDEN", () -> writer.createPoolMembership(pool.getId(),
                    membership(worker, MembershipKind.FLEX, JAN_1.plusYears(5), null), null));
            expectProblem(403, "FORBIDDEN", () -> writer.updatePoolMembership(pool.getId(), membership.getId(),
                    "\"1\"", new PoolMembershipPatch().to(JAN_1)));
        }
        expectProblem(403, "FORBIDDEN", () -> operator.getPool(pool.getId()));
        expectProblem(403, "FORBIDDEN", () -> operator.listPools(null, null));
        expectProblem(403, "FORBIDDEN", () -> operator.listPoolMemberships(pool.getId(), null, null));
        assertThat(rowCount("pool")).isEqualTo(pools);
        assertThat(rowCount("pool_membership")).isEqualTo(memberships);
    }

    @Test
    void aMemberSeesEndedMembershipsOnlyOfItsOwnWorkers() throws ApiException {
        Pool pool = newPool("Historie");
        Worker own = newWorker(home, "Eigen");
        Worker theirs = newWorker(other, "Hunne");
        Worker theirsNow = newWorker(other, "Nu");
        PoolMembership ownPast = admin.createPoolMembership(pool.getId(),
                membership(own, MembershipKind.FLEX, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30)), null);
        PoolMembership theirsPast = admin.createPoolMembership(pool.getId(),
                membership(theirs, MembershipKind.FLEX, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30)), null);
        PoolMembership theirsCurrent = admin.createPoolMembership(pool.getId(),
                membership(theirsNow, MembershipKind.FIXED_BASE, LocalDate.of(2020, 1, 1), null), null);
        PoolsApi member = new PoolsApi(TestApp.client(TestApp.memberToken(tenant, home.getId())));

        assertThat(member.listPoolMemberships(pool.getId(), null, null).getData()).extracting(PoolMembership::getId)
                .containsExactly(ownPast.getId(), theirsCurrent.getId());
        assertThat(admin.listPoolMemberships(pool.getId(), null, null).getData()).extracting(PoolMembership::getId)
                .containsExactly(ownPast.getId(), theirsPast.getId(), theirsCurrent.getId());
        assertThat(member.getPoolMembership(pool.getId(), ownPast.getId())).isEqualTo(ownPast);
        expectProblem(404, "NOT_FOUND", () -> member.getPoolMembership(pool.getId(), theirsPast.getId()));
    }

    @Test
    void anotherCooperativesPoolIsNotFound() throws ApiException {
        UUID elsewhere = newCooperative();
        PoolsApi theirAdmin = new PoolsApi(TestApp.client(TestApp.adminToken(elsewhere)));
        Pool theirs = theirAdmin.createPool(new PoolCreate().name("Elders"), null);
        Member theirMember = newMember(elsewhere, "Elders lid");
        Worker theirWorker = new WorkersApi(TestApp.client(TestApp.adminToken(elsewhere)))
                .createWorker(workerCreate(theirMember.getId(), "Vreemd", "Elders"), null);
        PoolMembership theirMembership = theirAdmin.createPoolMembership(theirs.getId(),
                membership(theirWorker, MembershipKind.FLEX, JAN_1, null), null);
        Pool ours = newPool("Elders");

        expectProblem(404, "NOT_FOUND", () -> admin.getPool(theirs.getId()));
        expectProblem(404, "NOT_FOUND", () -> admin.updatePool(theirs.getId(), "\"1\"", new PoolPatch().name("X")));
        expectProblem(404, "NOT_FOUND", () -> admin.listPoolMemberships(theirs.getId(), null, null));
        expectProblem(404, "NOT_FOUND", () -> admin.getPoolMembership(theirs.getId(), theirMembership.getId()));
        expectProblem(404, "NOT_FOUND", () -> admin.updatePoolMembership(theirs.getId(), theirMembership.getId(),
                "\"1\"", new PoolMembershipPatch().to(JAN_1)));
        expectProblem(404, "NOT_FOUND", () -> admin.createPoolMembership(theirs.getId(),
                membership(newWorker(home, "Hier"), MembershipKind.FLEX, JAN_1, null), null));
        Problem foreignWorker = expectProblem(422, "VALIDATION_FAILED", () -> admin.createPoolMembership(ours.getId(),
                membership(theirWorker, MembershipKind.FLEX, JAN_1, null), null));
        assertThat(foreignWorker.getErrors()).extracting(FieldError::getCode).containsExactly("NOT_FOUND");
        assertThat(admin.listPools(200, null).getData()).containsExactly(ours);
    }

    @Test
    void poolNamesAreUnique() throws ApiException {
        Pool pool = newPool("Noord");
        newPool("Zuid");
        expectProblem(409, "POOL_NAME_TAKEN", () -> admin.createPool(new PoolCreate().name("Noord"), null));
        expectProblem(409, "POOL_NAME_TAKEN", () -> admin.updatePool(pool.getId(), "\"1\"", new PoolPatch().name("Zuid")));
    }

    @Test
    void aPoolPatchNeedsTheCurrentETag() throws ApiException {
        Pool pool = newPool("Noord");
        expectProblem(412, "PRECONDITION_FAILED", () -> admin.updatePool(pool.getId(), "\"2\"", new PoolPatch().name("X")));

        ApiResponse<Pool> changed = admin.updatePoolWithHttpInfo(pool.getId(), "\"1\"", new PoolPatch().name("Noordoost")
                .allowedRoles(Set.of(QualificationRole.TRIAGIST, QualificationRole.DOKTERSASSISTENT)));
        assertThat(changed.getHeaders().get("etag")).containsExactly("\"2\"");
        assertThat(changed.getData().getName()).isEqualTo("Noordoost");
        assertThat(changed.getData().getAllowedRoles())
                .containsExactly(QualificationRole.DOKTERSASSISTENT, QualificationRole.TRIAGIST);
    }

    @Test
    void theListPagesThroughEveryPoolOnceInIdOrder() throws ApiException {
        newPool("Noord");
        newPool("Zuid");
        for (int i = 0; i < 4; i++) {
            newPool("Extra " + i);
        }
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        do {
            PoolList page = admin.listPools(2, cursor);
            page.getData().forEach(p -> seen.add(p.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates().isSorted();
    }
}
