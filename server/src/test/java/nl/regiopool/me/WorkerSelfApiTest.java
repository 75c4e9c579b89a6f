package nl.regiopool.me;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AvailabilityApi;
import nl.regiopool.client.api.DataExportApi;
import nl.regiopool.client.api.MeApi;
import nl.regiopool.client.api.MyScheduleApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.AvailabilityException;
import nl.regiopool.client.model.AvailabilityExceptionKind;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsReplace;
import nl.regiopool.client.model.IsoWeekday;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Me;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.MyShift;
import nl.regiopool.client.model.MyShiftList;
import nl.regiopool.client.model.Placement;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.PlacementKind;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Role;
import nl.regiopool.client.model.TimeWindow;
import nl.regiopool.client.model.WeeklyWindow;
import nl.regiopool.client.model.WorkerAvailability;
import nl.regiopool.client.model.WorkerAvailabilityReplace;
import nl.regiopool.client.model.WorkerDataExport;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's own view through the SDK: a {@code worker} token reads its own schedule, states its
 * availability and exports its data, and reaches nothing else: not another worker's data, not any admin or
 * member operation.
 */
class WorkerSelfApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** A Tuesday in winter time. */
    private static final LocalDate TUESDAY = LocalDate.of(2026, 3, 3);

    private static UUID tenant;
    private static String admin;
    private static Member home;
    private static Member borrower;
    private static Member otherBorrower;
    private static UUID sanne;
    private static UUID fleur;
    private static LoanAgreement sannesAgreement;
    private static List<UUID> sannesShifts;
    private static UUID fleursShift;

    @BeforeAll
    static void twoWorkersWithShifts() throws Exception {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        home = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        otherBorrower = newMember(tenant, "Gezondheidscentrum De Brug");
        WorkersApi workers = new WorkersApi(TestApp.client(admin));
        sanne = workers.createWorker(workerCreate(home.getId(), "Sanne", "Bakker"), null).getId();
        fleur = workers.createWorker(workerCreate(home.getId(), "Fleur", "Jansen"), null).getId();
        PoolsApi pools = new PoolsApi(TestApp.client(admin));
        UUID pool = pools.createPool(new PoolCreate().name("Avondpool"), null).getId();
        pools.createPoolMembership(pool, new PoolMembershipCreate().workerId(sanne).kind(MembershipKind.FLEX)
                .from(LocalDate.of(2026, 1, 1)), null);

        sannesAgreement = activeAgreement(tenant, home.getId(), borrower.getId(), sanne, QualificationRole.DOKTERSASSISTENT,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16, "CAO_HUISARTSENZORG");
        LoanAgreement fleursAgreement = activeAgreement(tenant, home.getId(), otherBorrower.getId(), fleur,
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
        PlacementsApi placements = new PlacementsApi(TestApp.client(admin));
        UUID homeShift = placements.replaceHomeShifts(sanne, at(TUESDAY.minusDays(1), 0, 0), at(TUESDAY.plusDays(6), 0, 0),
                "\"0\"", new HomeShiftsReplace().shifts(List.of(new HomeShiftInput().externalId("ma-1")
                        .startsAt(at(TUESDAY.minusDays(1), 8, 0)).endsAt(at(TUESDAY.minusDays(1), 16, 0))
                        .breakMinutes(30)))).getShifts().get(0).getId();
        UUID later = placements.createPlacement(shift(sannesAgreement, TUESDAY.plusWeeks(1)), null).getId();
        UUID first = placements.createPlacement(shift(sannesAgreement, TUESDAY).locationPostcode("7002 CD"), null).getId();
        sannesShifts = List.of(homeShift, first, later);
        fleursShift = placements.createPlacement(shift(fleursAgreement, TUESDAY), null).getId();
    }

    private static OffsetDateTime at(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(AMSTERDAM).toOffsetDateTime();
    }

    private static PlacementCreate shift(LoanAgreement agreement, LocalDate date) {
        return new PlacementCreate().agreementId(agreement.getId()).startsAt(at(date, 18, 0)).endsAt(at(date, 22, 0))
                .breakMinutes(0);
    }

    private static ApiClient as(UUID worker) {
        return TestApp.client(TestApp.workerToken(tenant, worker));
    }

    private static MyShiftList schedule(UUID worker, Integer limit, String cursor) throws ApiException {
        return new MyScheduleApi(as(worker)).getMySchedule(at(TUESDAY.minusDays(7), 0, 0), at(TUESDAY.plusDays(30), 0, 0),
                limit, cursor);
    }

    @Test
    void meSaysWhichWorkerTheCallerIs() throws ApiException {
        Me me = new MeApi(as(sanne)).getMe();

        assertThat(me.getWorkerId()).isEqualTo(sanne);
        assertThat(me.getMemberId()).isNull();
        assertThat(me.getTenantId()).isEqualTo(tenant);
        assertThat(me.getRoles()).containsExactly(Role.WORKER);
        assertThat(new MeApi(TestApp.client(admin)).getMe().getWorkerId()).isNull();
    }

    @Test
    void theScheduleHoldsTheWorkersOwnShiftsInStartOrderWithWhoTheyAreFor() throws ApiException {
        MyShiftList page = schedule(sanne, null, null);

        assertThat(page.getNextCursor()).isNull();
        assertThat(page.getData()).extracting(MyShift::getId).containsExactlyElementsOf(sannesShifts);
        MyShift homeShift = page.getData().get(0);
        assertThat(homeShift.getKind()).isEqualTo(PlacementKind.HOME_SHIFT);
        assertThat(homeShift.getWorksFor().getName()).isEqualTo("Huisartsenpraktijk De Linde");
        MyShift placement = page.getData().get(1);
        assertThat(placement.getKind()).isEqualTo(PlacementKind.SHIFT);
        assertThat(placement.getAgreementId()).isEqualTo(sannesAgreement.getId());
        assertThat(placement.getWorksFor().getId()).isEqualTo(borrower.getId());
        assertThat(placement.getWorksFor().getName()).isEqualTo("Huisartsenpraktijk Het Anker");
        assertThat(placement.getWorksFor().getPostcode()).isEqualTo(borrower.getPostcode());
        assertThat(placement.getLocationPostcode()).isEqualTo("7002 CD");
        assertThat(placement.getStartsAt().toInstant()).isEqualTo(at(TUESDAY, 18, 0).toInstant());
        assertThat(page.getData()).extracting(MyShift::getWorkerId).containsOnly(sanne);
    }

    @Test
    void anotherWorkersShiftsAreNeverInTheSchedule() throws ApiException {
        assertThat(schedule(fleur, null, null).getData()).extracting(MyShift::getId).containsExactly(fleursShift);
        assertThat(schedule(sanne, null, null).getData()).extracting(MyShift::getId).doesNotContain(fleursShift);
    }

    @Test
    void theSchedulePagesByStart() throws ApiException {
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        do {
            MyShiftList page = schedule(sanne, 1, cursor);
            assertThat(page.getData()).hasSizeLessThanOrEqualTo(1);
            page.getData().forEach(shift -> seen.add(shift.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(sannesShifts);
    }

    @Test
    void aWindowOutsideTheShiftsIsEmptyAndABackwardOneRefused() throws ApiException {
        assertThat(new MyScheduleApi(as(sanne)).getMySchedule(at(TUESDAY.plusYears(1), 0, 0),
                at(TUESDAY.plusYears(1).plusDays(7), 0, 0), null, null).getData()).isEmpty();
        expectProblem(422, "VALIDATION_FAILED", () -> new MyScheduleApi(as(sanne))
                .getMySchedule(at(TUESDAY, 0, 0), at(TUESDAY.minusDays(1), 0, 0), null, null));
    }

    private static WorkerAvailabilityReplace mondaysAndALeave() {
        return new WorkerAvailabilityReplace()
                .weekly(List.of(new WeeklyWindow().weekday(IsoWeekday.TUESDAY).from("18:00").to("24:00"),
                        new WeeklyWindow().weekday(IsoWeekday.MONDAY).from("08:00").to("12:30"),
                        new WeeklyWindow().weekday(IsoWeekday.MONDAY).from("13:00").to("17:00")))
                .exceptions(List.of(new AvailabilityException().kind(AvailabilityExceptionKind.UNAVAILABLE)
                                .startDate(LocalDate.of(2026, 7, 1)).endDate(LocalDate.of(2026, 7, 21)).note("Vakantie"),
                        new AvailabilityException().kind(AvailabilityExceptionKind.AVAILABLE)
                                .startDate(LocalDate.of(2026, 5, 2))
                                .windows(List.of(new TimeWindow().from("09:00").to("13:00")))));
    }

    @Test
    void aWorkerStatesItsAvailabilityAndAnAdminReadsIt() throws ApiException {
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(home.getId(), "Noor", "Visser"), null)
                .getId();
        AvailabilityApi own = new AvailabilityApi(as(worker));
        ApiResponse<WorkerAvailability> unstated = own.getMyAvailabilityWithHttpInfo();
        assertThat(unstated.getData().getStated()).isFalse();
        assertThat(unstated.getData().getWeekly()).isEmpty();
        assertThat(etag(unstated)).isEqualTo("\"0\"");
        long events = rowCount("audit_event");

        ApiResponse<WorkerAvailability> stated = own.replaceMyAvailabilityWithHttpInfo("\"0\"", mondaysAndALeave());

        assertThat(etag(stated)).isEqualTo("\"1\"");
        WorkerAvailability availability = stated.getData();
        assertThat(availability.getStated()).isTrue();
        assertThat(availability.getWorkerId()).isEqualTo(worker);
        assertThat(availability.getWeekly()).extracting(WeeklyWindow::getWeekday, WeeklyWindow::getFrom, WeeklyWindow::getTo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IsoWeekday.MONDAY, "08:00", "12:30"),
                        org.assertj.core.groups.Tuple.tuple(IsoWeekday.MONDAY, "13:00", "17:00"),
                        org.assertj.core.groups.Tuple.tuple(IsoWeekday.TUESDAY, "18:00", "24:00"));
        assertThat(availability.getExceptions()).extracting(AvailabilityException::getStartDate)
                .containsExactly(LocalDate.of(2026, 5, 2), LocalDate.of(2026, 7, 1));
        assertThat(availability.getExceptions().get(0).getEndDate()).as("one day").isEqualTo(LocalDate.of(2026, 5, 2));
        assertThat(availability.getExceptions().get(1).getNote()).isEqualTo("Vakantie");
        assertThat(rowCount("audit_event")).as("the change is audited").isEqualTo(events + 1);

        assertThat(own.getMyAvailability()).isEqualTo(availability);
        ApiResponse<WorkerAvailability> read = new AvailabilityApi(TestApp.client(admin))
                .getWorkerAvailabilityWithHttpInfo(worker);
        assertThat(read.getData()).isEqualTo(availability);
        assertThat(etag(read)).isEqualTo("\"1\"");

        expectProblem(412, "PRECONDITION_FAILED", () -> own.replaceMyAvailability("\"0\"", mondaysAndALeave()));
        assertThat(own.replaceMyAvailabilityWithHttpInfo("\"1\"", new WorkerAvailabilityReplace().weekly(List.of())
                .exceptions(List.of())).getData().getWeekly()).isEmpty();
        assertThat(etag(own.getMyAvailabilityWithHttpInfo())).isEqualTo("\"2\"");
    }

    @Test
    void overlappingOrBackwardWindowsAreRefusedAndWriteNothing() throws ApiException {
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(home.getId(), "Lotte", "Smit"), null)
                .getId();
        AvailabilityApi own = new AvailabilityApi(as(worker));
        Map<String, Long> before = allRowCounts();

        Problem overlap = expectProblem(422, "VALIDATION_FAILED", () -> own.replaceMyAvailability("\"0\"",
                new WorkerAvailabilityReplace().exceptions(List.of()).weekly(List.of(
                        new WeeklyWindow().weekday(IsoWeekday.MONDAY).from("08:00").to("12:00"),
                        new WeeklyWindow().weekday(IsoWeekday.MONDAY).from("11:00").to("14:00")))));
        assertThat(overlap.getErrors()).extracting(e -> e.getField() + " " + e.getCode()).containsExactly("weekly[1] OVERLAP");

        Problem backward = expectProblem(422, "VALIDATION_FAILED", () -> own.replaceMyAvailability("\"0\"",
                new WorkerAvailabilityReplace().weekly(List.of(
                        new WeeklyWindow().weekday(IsoWeekday.MONDAY).from("12:00").to("08:00")))
                        .exceptions(List.of(new AvailabilityException().kind(AvailabilityExceptionKind.UNAVAILABLE)
                                .startDate(LocalDate.of(2026, 7, 21)).endDate(LocalDate.of(2026, 7, 1))))));
        assertThat(backward.getErrors()).extracting(e -> e.getField() + " " + e.getCode())
                .containsExactlyInAnyOrder("weekly[0].to OUT_OF_RANGE", "exceptions[0].endDate OUT_OF_RANGE");

        expectProblem(422, "VALIDATION_FAILED", () -> own.replaceMyAvailability("\"0\"", new WorkerAvailabilityReplace()
                .exceptions(List.of()).weekly(List.of(new WeeklyWindow().weekday(IsoWeekday.MONDAY).from("24:00").to("24:00")))));
        assertThat(allRowCounts()).isEqualTo(before);
    }

    @Test
    void theDataExportHoldsEveryPartForTheWorkerAndNothingOfOthers() throws ApiException {
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(home.getId(), "Eva", "Mulder"), null)
                .getId();
        LoanAgreement agreement = activeAgreement(tenant, home.getId(), otherBorrower.getId(), worker,
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, "CAO_HUISARTSENZORG");
        PlacementsApi placements = new PlacementsApi(TestApp.client(admin));
        Placement placement = placements.createPlacement(shift(agreement, TUESDAY.plusDays(1)), null);
        PoolsApi pools = new PoolsApi(TestApp.client(admin));
        UUID pool = pools.createPool(new PoolCreate().name("Exportpool"), null).getId();
        pools.createPoolMembership(pool, new PoolMembershipCreate().workerId(worker).kind(MembershipKind.FIXED_BASE)
                .from(LocalDate.of(2026, 1, 1)), null);
        new AvailabilityApi(as(worker)).replaceMyAvailability("\"0\"", mondaysAndALeave());

        WorkerDataExport export = new DataExportApi(as(worker)).getMyDataExport();

        assertThat(export.getExportedAt()).isNotNull();
        assertThat(export.getWorker().getId()).isEqualTo(worker);
        assertThat(export.getWorker().getGivenName()).isEqualTo("Eva");
        assertThat(export.getWorker().getEmail()).as("contact details in full").isEqualTo("eva@example.nl");
        assertThat(export.getWorker().getQualifications()).extracting(q -> q.getRole())
                .containsExactly(QualificationRole.DOKTERSASSISTENT);
        assertThat(export.getPoolMemberships()).extracting(m -> m.getPoolId()).containsExactly(pool);
        assertThat(export.getLoanAgreements()).extracting(LoanAgreement::getId).containsExactly(agreement.getId());
        assertThat(export.getLoanAgreements().get(0).getWorkerConsent().getConsentedOn()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(export.getPlacements()).extracting(Placement::getId).containsExactly(placement.getId());
        assertThat(export.getAvailability().getStated()).isTrue();
        assertThat(export.getAvailability().getWeekly()).hasSize(3);
        assertThat(export.getAuditEvents()).extracting(AuditEvent::getAction)
                .containsExactly("worker.created", "worker.availability_replaced");
        assertThat(export.getAuditEvents()).extracting(AuditEvent::getEntityId).containsOnly(worker);

        WorkerDataExport byAdmin = new DataExportApi(TestApp.client(admin)).getWorkerDataExport(worker);
        assertThat(byAdmin.exportedAt(null)).isEqualTo(export.exportedAt(null));

        WorkerDataExport sannes = new DataExportApi(as(sanne)).getMyDataExport();
        assertThat(sannes.getPlacements()).extracting(Placement::getId).containsExactlyElementsOf(sannesShifts)
                .doesNotContain(fleursShift, placement.getId());
        assertThat(sannes.getLoanAgreements()).extracting(LoanAgreement::getId).containsExactly(sannesAgreement.getId());
        assertThat(sannes.getPoolMemberships()).hasSize(1);
        assertThat(sannes.getAvailability().getStated()).isFalse();
    }

    @Test
    void withoutAValidTokenEverythingIs401() {
        String forged = JWT.create().withIssuer("regiopool-test").withAudience("regiopool-api").withSubject("mallory")
                .withExpiresAt(Instant.now().plusSeconds(600)).withClaim("roles", List.of("worker"))
                .withClaim("tenant", tenant.toString()).withClaim("worker", sanne.toString())
                .sign(Algorithm.HMAC256("not-the-servers-secret-but-long-enough-0123".getBytes(StandardCharsets.UTF_8)));
        for (ApiClient client : List.of(TestApp.client(null), TestApp.client(forged))) {
            expectProblem(401, "UNAUTHENTICATED", () -> new MyScheduleApi(client).getMySchedule(at(TUESDAY, 0, 0),
                    at(TUESDAY.plusDays(1), 0, 0), null, null));
            expectProblem(401, "UNAUTHENTICATED", () -> new AvailabilityApi(client).getMyAvailability());
            expectProblem(401, "UNAUTHENTICATED", () -> new DataExportApi(client).getMyDataExport());
        }
    }

    @Test
    void aWorkerTokenNamingAWorkerOfAnotherCooperativeIs401() throws ApiException {
        UUID elsewhere = newCooperative();
        UUID foreign = new WorkersApi(TestApp.client(TestApp.adminToken(elsewhere)))
                .createWorker(workerCreate(newMember(elsewhere, "Praktijk Elders").getId(), "Mila", "de Boer"), null).getId();
        ApiClient mixed = TestApp.client(TestApp.workerToken(tenant, foreign));

        expectProblem(401, "UNAUTHENTICATED", () -> new DataExportApi(mixed).getMyDataExport());
        expectProblem(401, "UNAUTHENTICATED", () -> new MeApi(mixed).getMe());
        expectProblem(401, "UNAUTHENTICATED", () -> new AvailabilityApi(mixed).replaceMyAvailability("\"0\"",
                mondaysAndALeave()));
    }

    @Test
    void aWorkerTokenIsForbiddenOnAdminAndMemberOperations() {
        ApiClient worker = as(sanne);
        expectProblem(403, "FORBIDDEN", () -> new WorkersApi(worker).listWorkers(null, null, null, null, null, null, null));
        expectProblem(403, "FORBIDDEN", () -> new PlacementsApi(worker).listPlacements(null, null, null, null, null, null,
                null, null));
        expectProblem(403, "FORBIDDEN", () -> new AvailabilityApi(worker).getWorkerAvailability(sanne));
        expectProblem(403, "FORBIDDEN", () -> new DataExportApi(worker).getWorkerDataExport(sanne));
    }

    @Test
    void aWorkerAskingForAnotherWorkersDataIsRefused() {
        ApiClient worker = as(sanne);
        expectProblem(403, "FORBIDDEN", () -> new AvailabilityApi(worker).getWorkerAvailability(fleur));
        expectProblem(403, "FORBIDDEN", () -> new DataExportApi(worker).getWorkerDataExport(fleur));
        expectProblem(403, "FORBIDDEN", () -> new WorkersApi(worker).getWorker(fleur));
        expectProblem(403, "FORBIDDEN", () -> new PlacementsApi(worker).getWorkerSchedule(fleur, at(TUESDAY, 0, 0),
                at(TUESDAY.plusDays(1), 0, 0)));
        expectProblem(403, "FORBIDDEN", () -> new PlacementsApi(worker).getPlacement(fleursShift));
    }

    @Test
    void theWorkersOwnOperationsAreForWorkerTokensOnly() {
        for (String token : List.of(admin, TestApp.memberToken(tenant, home.getId()), TestApp.auditorToken(tenant))) {
            ApiClient client = TestApp.client(token);
            expectProblem(403, "FORBIDDEN", () -> new MyScheduleApi(client).getMySchedule(at(TUESDAY, 0, 0),
                    at(TUESDAY.plusDays(1), 0, 0), null, null));
            expectProblem(403, "FORBIDDEN", () -> new AvailabilityApi(client).getMyAvailability());
            expectProblem(403, "FORBIDDEN", () -> new DataExportApi(client).getMyDataExport());
        }
    }

    @Test
    void anAdminGets404ForAWorkerThatDoesNotExist() {
        ApiClient client = TestApp.client(admin);
        expectProblem(404, "NOT_FOUND", () -> new AvailabilityApi(client).getWorkerAvailability(UUID.randomUUID()));
        expectProblem(404, "NOT_FOUND", () -> new DataExportApi(client).getWorkerDataExport(UUID.randomUUID()));
    }
}
