package nl.regiopool.placement;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.CaoRuleSetsApi;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.CaoRuleSetCreate;
import nl.regiopool.client.model.CaoRuleSetVersionCreate;
import nl.regiopool.client.model.CompletePlacementRequest;
import nl.regiopool.client.model.ConfirmPlacementRequest;
import nl.regiopool.client.model.CostLine;
import nl.regiopool.client.model.CostLineKind;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsReplace;
import nl.regiopool.client.model.HomeShiftsResult;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.NoShowRequest;
import nl.regiopool.client.model.Placement;
import nl.regiopool.client.model.PlacementList;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.PlacementKind;
import nl.regiopool.client.model.PlacementPatch;
import nl.regiopool.client.model.PlacementStatus;
import nl.regiopool.client.model.PlacementValidation;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.Qualification;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.RuleParameterName;
import nl.regiopool.client.model.RuleParameterValue;
import nl.regiopool.client.model.RuleViolation;
import nl.regiopool.client.model.ScheduleEntry;
import nl.regiopool.client.model.ScheduleEntryKind;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.client.model.WorkerSchedule;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlacementApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** A Tuesday in winter time; the next day is a Wednesday without a home shift. */
    private static final LocalDate TUESDAY = LocalDate.of(2026, 3, 3);
    private static final LocalDate WEDNESDAY = TUESDAY.plusDays(1);

    private UUID tenant;
    private PlacementsApi admin;
    private Member home;
    private Member borrower;
    private Member stranger;
    private Worker assistant;
    private LoanAgreement agreement;

    @BeforeEach
    void activeAgreement() throws ApiException {
        tenant = newCooperative();
        admin = new PlacementsApi(TestApp.client(TestApp.adminToken(tenant)));
        home = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        stranger = newMember(tenant, "Gezondheidscentrum Elders");
        assistant = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(home.getId(), "Sanne", "Bakker"), null);
        agreement = activeAgreement(tenant, home.getId(), borrower.getId(), assistant.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
    }

    private PlacementsApi as(Member member) {
        return new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
    }

    private static OffsetDateTime at(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(AMSTERDAM).toOffsetDateTime();
    }

    private PlacementCreate shift(LocalDate date, int fromHour, int fromMinute, int toHour, int toMinute) {
        return new PlacementCreate().agreementId(agreement.getId()).startsAt(at(date, fromHour, fromMinute))
                .endsAt(at(date, toHour, toMinute)).breakMinutes(0).locationPostcode("7001 AB");
    }

    private HomeShiftsResult roster(String ifMatch, HomeShiftInput... shifts) throws ApiException {
        return as(home).replaceHomeShifts(assistant.getId(), at(TUESDAY.minusDays(1), 0, 0), at(TUESDAY.plusDays(6), 0, 0),
                ifMatch, new HomeShiftsReplace().shifts(List.of(shifts)));
    }

    private static HomeShiftInput homeDayShift(String externalId) {
        return new HomeShiftInput().externalId(externalId).startsAt(at(TUESDAY, 7, 0)).endsAt(at(TUESDAY, 17, 0))
                .breakMinutes(30);
    }

    @Test
    void theStatusFilterPagesThroughOneStatusInIdOrderForEachViewer() throws ApiException {
        List<UUID> planned = new ArrayList<>();
        for (LocalDate day : List.of(WEDNESDAY, WEDNESDAY.plusDays(1), WEDNESDAY.plusDays(2), WEDNESDAY.plusDays(5))) {
            planned.add(as(borrower).createPlacement(shift(day, 18, 0, 22, 0), null).getId());
        }
        UUID cancelled = planned.remove(1);
        planned.sort(Comparator.comparing(UUID::toString));
        ApiResponse<Placement> toCancel = admin.getPlacementWithHttpInfo(cancelled);
        as(borrower).cancelPlacement(cancelled, etag(toCancel), new CancelRequest().reason("Not needed"), null);

        assertThat(admin.listPlacements(null, null, PlacementStatus.CANCELLED, null, null, null, null, null).getData())
                .extracting(Placement::getId).containsExactly(cancelled);
        assertThat(admin.listPlacements(null, null, PlacementStatus.NO_SHOW, null, null, null, null, null).getData())
                .isEmpty();
        List<UUID> pagedOneByOne = new ArrayList<>();
        String cursor = null;
        do {
            PlacementList page = admin.listPlacements(null, null, PlacementStatus.PLANNED, null, null, null, 1, cursor);
            page.getData().forEach(placement -> pagedOneByOne.add(placement.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(pagedOneByOne).isEqualTo(planned);
        assertThat(as(borrower).listPlacements(null, null, PlacementStatus.CANCELLED, null, null, null, null, null)
                .getData()).extracting(Placement::getId).containsExactly(cancelled);
        assertThat(as(home).listPlacements(null, null, PlacementStatus.PLANNED, null, null, null, null, null)
                .getData()).extracting(Placement::getId).containsExactlyElementsOf(planned);
        assertThat(as(stranger).listPlacements(null, null, PlacementStatus.CANCELLED, null, null, null, null, null)
                .getData()).isEmpty();
    }

    @Test
    void theTimeWindowKeepsThePlacementsThatMeetItHalfOpen() throws ApiException {
        List<LocalDate> days = List.of(WEDNESDAY, WEDNESDAY.plusDays(1), WEDNESDAY.plusDays(2), WEDNESDAY.plusDays(5));
        List<UUID> evenings = new ArrayList<>();
        for (LocalDate day : days) {
            evenings.add(as(borrower).createPlacement(shift(day, 18, 0, 22, 0), null).getId());
        }
        LocalDate thursday = days.get(1);
        UUID wednesdayShift = evenings.get(0);
        UUID thursdayShift = evenings.get(1);
        UUID fridayShift = evenings.get(2);
        UUID mondayShift = evenings.get(3);

        assertThat(window(admin, at(thursday, 20, 0), null)).containsExactlyInAnyOrder(thursdayShift, fridayShift, mondayShift);
        assertThat(window(admin, null, at(thursday, 18, 0))).as("a shift starting at `to` is outside")
                .containsExactly(wednesdayShift);
        assertThat(window(admin, at(thursday, 22, 0), at(days.get(2), 18, 0))).as("ends at `from`, starts at `to`")
                .isEmpty();
        assertThat(window(admin, at(thursday, 20, 0), at(thursday, 20, 0))).as("an instant inside the shift")
                .containsExactly(thursdayShift);
        assertThat(window(admin, at(days.get(2), 0, 0), at(thursday, 0, 0))).as("`from` after `to`").isEmpty();
        OffsetDateTime thursdayMidnight = at(thursday, 0, 0);
        OffsetDateTime mondayMidnight = at(days.get(3), 0, 0);
        assertThat(window(as(borrower), thursdayMidnight, mondayMidnight)).containsExactly(thursdayShift, fridayShift);
        assertThat(window(as(home), thursdayMidnight, mondayMidnight)).containsExactly(thursdayShift, fridayShift);
        assertThat(window(as(stranger), thursdayMidnight, mondayMidnight)).isEmpty();
    }

    /** Every placement the viewer's list holds in the window, a page of one at a time. */
    private static List<UUID> window(PlacementsApi viewer, OffsetDateTime from, OffsetDateTime to) throws ApiException {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        do {
            PlacementList page = viewer.listPlacements(null, null, null, null, from, to, 1, cursor);
            page.getData().forEach(placement -> ids.add(placement.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        return ids;
    }

    @Test
    void anEveningShiftGoesFromARefusedSlotToAPricedCompletion() throws ApiException {
        HomeShiftsResult synced = roster("\"0\"", homeDayShift("rooster-2026-03-03"));
        UUID homeShiftId = synced.getShifts().get(0).getId();
        assertThat(synced.getViolations()).isEmpty();

        Problem refused = expectProblem(422, "RULES_VIOLATED", () -> as(borrower).createPlacement(shift(TUESDAY, 19, 0, 23, 30), null));
        RuleViolation rest = refused.getViolations().stream().filter(v -> v.getCode().equals("ATW_MIN_DAILY_REST"))
                .findFirst().orElseThrow();
        assertThat(rest.getEntityIds()).as("the refused shift has no id").containsExactly(homeShiftId);
        assertThat(rest.getLimit()).startsWith("11 h");
        assertThat(rest.getActual()).isEqualTo("7.5 h");
        assertThat(admin.listPlacements(assistant.getId(), null, null, PlacementKind.SHIFT, null, null, null, null)
                .getData()).isEmpty();

        ApiResponse<Placement> created = as(borrower).createPlacementWithHttpInfo(shift(WEDNESDAY, 18, 0, 22, 0), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        Placement placement = created.getData();
        assertThat(placement.getStatus()).isEqualTo(PlacementStatus.PLANNED);
        assertThat(placement.getKind()).isEqualTo(PlacementKind.SHIFT);
        assertThat(placement.getWorkerId()).isEqualTo(assistant.getId());
        assertThat(placement.getBorrowerMemberId()).isEqualTo(borrower.getId());
        assertThat(placement.getEmployerMemberId()).isEqualTo(home.getId());
        assertThat(placement.getRole()).isEqualTo(QualificationRole.DOKTERSASSISTENT);
        assertThat(placement.getCostLines()).isEmpty();

        ApiResponse<Placement> confirmed = as(home).confirmPlacementWithHttpInfo(placement.getId(),
                etag(created), null, new ConfirmPlacementRequest());
        assertThat(confirmed.getData().getStatus()).isEqualTo(PlacementStatus.CONFIRMED);
        expectProblem(403, "FORBIDDEN", () -> as(home).completePlacement(placement.getId(), etag(confirmed),
                complete(placement), null));
        Placement completed = as(borrower).completePlacement(placement.getId(), etag(confirmed), complete(placement), null);

        assertThat(completed.getStatus()).isEqualTo(PlacementStatus.COMPLETED);
        assertThat(completed.getActualStartsAt()).isEqualTo(at(WEDNESDAY, 18, 0));
        assertThat(completed.getCompletedBy()).startsWith("test-member-");
        assertThat(completed.getCostLines()).extracting(CostLine::getKind, CostLine::getAmountCents)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CostLineKind.BASE, 4 * 3150L),
                        org.assertj.core.groups.Tuple.tuple(CostLineKind.SURCHARGE, 1890L));
        CostLine surcharge = completed.getCostLines().get(1);
        assertThat(surcharge.getHours()).isEqualByComparingTo("2");
        assertThat(surcharge.getPercent()).isEqualByComparingTo("30");
        assertThat(admin.getPlacement(placement.getId()).getCostLines()).isEqualTo(completed.getCostLines());
    }

    private static CompletePlacementRequest complete(Placement placement) {
        return new CompletePlacementRequest().actualStartsAt(placement.getStartsAt()).actualEndsAt(placement.getEndsAt())
                .breakMinutes(0);
    }

    @Test
    void ofFiftyConcurrentCreatesOfOneSlotExactlyOneSucceeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        PlacementsApi api = as(borrower);
        for (int i = 0; i < 50; i++) {
            Callable<Integer> create = () -> {
                start.await();
                try {
                    return api.createPlacementWithHttpInfo(shift(WEDNESDAY, 9, 0, 13, 0), null).getStatusCode();
                } catch (ApiException e) {
                    assertThat(e.getResponseBody()).contains("PLACEMENT_OVERLAP");
                    return e.getCode();
                }
            };
            results.add(pool.submit(create));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(admin.listPlacements(assistant.getId(), null, null, null, null, null, null, null).getData()).hasSize(1);
    }

    @Test
    void validateGivesCreatesVerdictWithoutWriting() throws ApiException {
        roster("\"0\"", homeDayShift("r1"));
        long before = rowCount("placement");
        long events = rowCount("audit_event");

        PlacementValidation refused = as(borrower).validatePlacement(shift(TUESDAY, 19, 0, 23, 30), null);
        Problem problem = expectProblem(422, "RULES_VIOLATED", () -> as(borrower).createPlacement(shift(TUESDAY, 19, 0, 23, 30), null));
        assertThat(refused.getValid()).isFalse();
        assertThat(refused.getViolations()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("entityIds")
                .isEqualTo(problem.getViolations());
        assertThat(rowCount("placement")).isEqualTo(before);
        assertThat(rowCount("audit_event")).isEqualTo(events);

        PlacementValidation fine = as(borrower).validatePlacement(shift(WEDNESDAY, 18, 0, 22, 0), null);
        assertThat(fine.getValid()).isTrue();
        assertThat(fine.getViolations()).isEmpty();
        as(borrower).createPlacement(shift(WEDNESDAY, 18, 0, 22, 0), null);
        assertThat(as(borrower).validatePlacement(shift(WEDNESDAY, 21, 0, 23, 0), null).getViolations())
                .extracting(RuleViolation::getCode).contains("PLACEMENT_OVERLAP");
        expectProblem(409, "PLACEMENT_OVERLAP", () -> as(borrower).createPlacement(shift(WEDNESDAY, 21, 0, 23, 0), null));
    }

    @Test
    void aDryRunsViolationsNameOnlyShiftsThatExist() throws ApiException {
        UUID homeShiftId = roster("\"0\"", homeDayShift("r1")).getShifts().get(0).getId();

        PlacementValidation refused = as(borrower).validatePlacement(shift(TUESDAY, 19, 0, 23, 30), null);

        assertThat(refused.getViolations()).isNotEmpty();
        assertThat(refused.getViolations()).flatExtracting(RuleViolation::getEntityIds).containsOnly(homeShiftId);
        for (UUID id : refused.getViolations().stream().flatMap(v -> v.getEntityIds().stream()).toList()) {
            assertThat(admin.getPlacement(id).getId()).isEqualTo(id);
        }
    }

    @Test
    void aShiftThatHasNotBeenWorkedYetCannotBeCompletedOrPriced() throws ApiException {
        LocalDate today = LocalDate.now(AMSTERDAM);
        Worker eva = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(home.getId(), "Eva", "Smit"), null);
        LoanAgreement running = activeAgreement(tenant, home.getId(), borrower.getId(), eva.getId(),
                QualificationRole.DOKTERSASSISTENT, today.minusDays(30), null, 16, "CAO_HUISARTSENZORG");
        LocalDate future = today.plusDays(2);
        ApiResponse<Placement> created = as(borrower).createPlacementWithHttpInfo(new PlacementCreate()
                .agreementId(running.getId()).startsAt(at(future, 18, 0)).endsAt(at(future, 22, 0)), null);
        ApiResponse<Placement> confirmed = as(borrower).confirmPlacementWithHttpInfo(created.getData().getId(), etag(created), null,
                new ConfirmPlacementRequest());

        Problem problem = expectProblem(422, "VALIDATION_FAILED", () -> as(borrower).completePlacement(
                created.getData().getId(), etag(confirmed), complete(created.getData()), null));

        assertThat(problem.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("actualEndsAt");
            assertThat(error.getMessage()).contains("has not happened yet",
                    "the shift ends at " + created.getData().getEndsAt().toString());
        });
        Placement unchanged = as(borrower).getPlacement(created.getData().getId());
        assertThat(unchanged.getStatus()).isEqualTo(PlacementStatus.CONFIRMED);
        assertThat(unchanged.getCostLines()).isEmpty();
    }

    @Test
    void aBreakIsApportionedOverTheSurchargeWindowInProportionToElapsedTime() throws ApiException {
        // 18:00-22:30 with a 30-minute break: 4 h worked over 4.5 h elapsed, 2.5 h elapsed after 20:00, so
        // 2.5 × 4 / 4.5 h = 2 h 13 min 20 s (8,000 s) carry CAO Huisartsenzorg's 30%: 8,000 × 3,150 × 0.3 / 3,600
        ApiResponse<Placement> created = as(borrower).createPlacementWithHttpInfo(shift(WEDNESDAY, 18, 0, 22, 30)
                .breakMinutes(30), null);
        ApiResponse<Placement> confirmed = as(borrower).confirmPlacementWithHttpInfo(created.getData().getId(), etag(created), null,
                new ConfirmPlacementRequest());

        Placement completed = as(borrower).completePlacement(created.getData().getId(), etag(confirmed), complete(created.getData())
                .breakMinutes(30), null);

        assertThat(completed.getCostLines()).extracting(CostLine::getKind, CostLine::getAmountCents)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CostLineKind.BASE, 4 * 3150L),
                        org.assertj.core.groups.Tuple.tuple(CostLineKind.SURCHARGE, 2100L));
        assertThat(completed.getCostLines().get(1).getHours()).isEqualByComparingTo("2.22");
    }

    @Test
    void lifecycleActionsWithoutOptionsTakeNoBodyOrAnEmptyObject() throws ApiException {
        ApiResponse<Placement> created = as(borrower).createPlacementWithHttpInfo(shift(WEDNESDAY, 9, 0, 13, 0), null);
        String token = TestApp.memberToken(tenant, borrower.getId());
        String path = "/v1/placements/" + created.getData().getId();

        java.net.http.HttpResponse<String> confirmed = nl.regiopool.testing.Http.send("POST", path + "/confirm", token,
                null, null, "If-Match", etag(created));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        java.net.http.HttpResponse<String> noShow = nl.regiopool.testing.Http.send("POST", path + "/no-show", token,
                "application/json", "", "If-Match", confirmed.headers().firstValue("ETag").orElseThrow());
        assertThat(noShow.statusCode()).as(noShow.body()).isEqualTo(200);
        assertThat(admin.getPlacement(created.getData().getId()).getStatus()).isEqualTo(PlacementStatus.NO_SHOW);
    }

    @Test
    void membersSeeOnlyTheirOwnPlacements() throws ApiException {
        roster("\"0\"", homeDayShift("r1"));
        Placement placement = as(borrower).createPlacement(shift(WEDNESDAY, 18, 0, 22, 0), null);

        assertThat(as(borrower).listPlacements(null, null, null, null, null, null, null, null).getData())
                .extracting(Placement::getId).containsExactly(placement.getId());
        assertThat(as(home).listPlacements(null, null, null, null, null, null, null, null).getData())
                .extracting(Placement::getKind).containsExactlyInAnyOrder(PlacementKind.HOME_SHIFT, PlacementKind.SHIFT);
        assertThat(as(stranger).listPlacements(null, null, null, null, null, null, null, null).getData()).isEmpty();
        expectProblem(404, "NOT_FOUND", () -> as(stranger).getPlacement(placement.getId()));
        assertThat(new PlacementsApi(TestApp.client(TestApp.auditorToken(tenant))).getPlacement(placement.getId())
                .getId()).isEqualTo(placement.getId());
    }

    @Test
    void aScheduleShowsOtherMembersPlacementsOnlyAsBusy() throws ApiException {
        roster("\"0\"", homeDayShift("r1"));
        as(borrower).createPlacement(shift(WEDNESDAY, 18, 0, 22, 0), null);
        OffsetDateTime from = at(TUESDAY, 0, 0);
        OffsetDateTime to = at(TUESDAY.plusDays(2), 0, 0);
        WorkerSchedule forBorrower = as(borrower).getWorkerSchedule(assistant.getId(), from, to);
        assertThat(forBorrower.getEntries()).extracting(ScheduleEntry::getKind)
                .containsExactly(ScheduleEntryKind.BUSY, ScheduleEntryKind.SHIFT);
        assertThat(forBorrower.getEntries().get(0).getPlacement()).isNull();
        WorkerSchedule forStranger = as(stranger).getWorkerSchedule(assistant.getId(), from, to);
        assertThat(forStranger.getEntries()).extracting(ScheduleEntry::getKind)
                .containsExactly(ScheduleEntryKind.BUSY, ScheduleEntryKind.BUSY);
        WorkerSchedule forEmployer = as(home).getWorkerSchedule(assistant.getId(), from, to);
        assertThat(forEmployer.getEntries()).extracting(ScheduleEntry::getKind)
                .containsExactly(ScheduleEntryKind.HOME_SHIFT, ScheduleEntryKind.SHIFT);
        assertThat(forEmployer.getEntries().get(0).getPlacement().getExternalId()).isEqualTo("r1");
    }

    @Test
    void aMemberPagesThroughEachOfItsShiftsOnceInIdOrder() throws ApiException {
        roster("\"0\"", homeDayShift("r1"));
        for (int day = 1; day <= 4; day++) {
            as(borrower).createPlacement(shift(TUESDAY.plusDays(day), 18, 0, 22, 0), null);
        }
        List<UUID> all = admin.listPlacements(null, null, null, null, null, null, null, null).getData().stream()
                .map(Placement::getId).toList();

        for (Member member : List.of(home, borrower)) {
            List<UUID> paged = new ArrayList<>();
            String cursor = null;
            do {
                PlacementList page = as(member).listPlacements(null, null, null, null, null, null, 2, cursor);
                page.getData().forEach(placement -> paged.add(placement.getId()));
                cursor = page.getNextCursor();
            } while (cursor != null);
            // the home member employs all five (its home shift counts once), the borrower borrows the four shifts
            assertThat(paged).isSorted().doesNotHaveDuplicates().hasSize(member == home ? 5 : 4).isSubsetOf(all);
        }
    }

    @Test
    void onlyAnAdminOverridesWorkingTimeRules() throws ApiException {
        roster("\"0\"", homeDayShift("r1"));
        PlacementCreate late = shift(TUESDAY, 19, 0, 23, 30).overrideReason("Acute shortage, worker agreed");
        expectProblem(403, "FORBIDDEN", () -> as(borrower).createPlacement(late, null));
        assertThat(admin.createPlacement(late, null).getRuleOverride()).isNotNull();
    }

    @Test
    void theOverrideWithItsReasonIsShownToTheEmployer() throws ApiException {
        roster("\"0\"", homeDayShift("r1"));
        PlacementCreate late = shift(TUESDAY, 19, 0, 23, 30).overrideReason("Acute shortage, worker agreed");
        Placement placed = admin.createPlacement(late, null);
        assertThat(placed.getRuleOverride()).isNotNull();
        assertThat(placed.getRuleOverride().getReason()).isEqualTo("Acute shortage, worker agreed");
        assertThat(placed.getRuleOverride().getViolations()).extracting(RuleViolation::getCode)
                .contains("ATW_MIN_DAILY_REST");
        assertThat(as(home).getPlacement(placed.getId()).getRuleOverride().getOverriddenBy())
                .startsWith("test-coop_admin-");
    }

    @Test
    void hardRulesCannotBeOverridden() throws ApiException {
        Problem outside = expectProblem(422, "RULES_VIOLATED", () -> admin.createPlacement(
                shift(LocalDate.of(2027, 1, 5), 9, 0, 13, 0).overrideReason("please"), null));
        assertThat(outside.getViolations()).extracting(RuleViolation::getCode).containsExactly("PLACEMENT_OUTSIDE_AGREEMENT");

        expectProblem(422, "VALIDATION_FAILED", () -> as(stranger).createPlacement(shift(WEDNESDAY, 9, 0, 13, 0), null));
        expectProblem(422, "VALIDATION_FAILED", () -> as(borrower).createPlacement(
                shift(WEDNESDAY, 13, 0, 9, 0), null));

        // the agreement allows 16 h a week: a fifth 4-hour shift in the week is one too many
        for (LocalDate day = LocalDate.of(2026, 3, 9); day.isBefore(LocalDate.of(2026, 3, 13)); day = day.plusDays(1)) {
            as(borrower).createPlacement(shift(day, 8, 0, 12, 0), null);
        }
        Problem tooMuch = expectProblem(422, "RULES_VIOLATED", () -> as(borrower).createPlacement(
                shift(LocalDate.of(2026, 3, 13), 8, 0, 12, 0), null));
        assertThat(tooMuch.getViolations()).extracting(RuleViolation::getCode, RuleViolation::getLimit, RuleViolation::getActual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AGREEMENT_WEEK_HOURS", "16 h", "20 h"));
    }

    @Test
    void theLifecycleAllowsOnlyItsTransitionsUnderTheCurrentETag() throws ApiException {
        ApiResponse<Placement> created = as(borrower).createPlacementWithHttpInfo(shift(WEDNESDAY, 9, 0, 13, 0), null);
        UUID id = created.getData().getId();
        expectProblem(409, "INVALID_TRANSITION", () -> as(borrower).completePlacement(id, etag(created),
                complete(created.getData()), null));

        ApiResponse<Placement> moved = as(borrower).updatePlacementWithHttpInfo(id,
                etag(created), new PlacementPatch().startsAt(at(WEDNESDAY, 10, 0)).endsAt(at(WEDNESDAY, 14, 0)));
        assertThat(moved.getData().getStartsAt()).isEqualTo(at(WEDNESDAY, 10, 0));
        expectProblem(412, "PRECONDITION_FAILED", () -> as(borrower).cancelPlacement(id, etag(created),
                new CancelRequest().reason("x"), null));

        Placement cancelled = as(home).cancelPlacement(id, etag(moved), new CancelRequest().reason("Sick"), null);
        assertThat(cancelled.getStatus()).isEqualTo(PlacementStatus.CANCELLED);
        assertThat(cancelled.getCancellationReason()).isEqualTo("Sick");
        assertThat(cancelled.getCancelledBy()).startsWith("test-member-");
        assertThat(cancelled.getLateCancellation()).isTrue();

        // the cancelled slot is free again; a confirmed shift the worker missed is a no-show
        ApiResponse<Placement> again = as(borrower).createPlacementWithHttpInfo(shift(WEDNESDAY, 9, 0, 13, 0), null);
        ApiResponse<Placement> confirmed = as(borrower).confirmPlacementWithHttpInfo(again.getData().getId(),
                etag(again), null, new ConfirmPlacementRequest());
        Placement noShow = as(borrower).recordPlacementNoShow(again.getData().getId(), etag(confirmed),
                null, new NoShowRequest());
        assertThat(noShow.getStatus()).isEqualTo(PlacementStatus.NO_SHOW);
        assertThat(noShow.getNoShowAt()).isNotNull();
    }

    @Test
    void aHomeShiftSyncReplacesItsWindowMatchingShiftsByExternalId() throws ApiException {
        Placement evening = as(borrower).createPlacement(shift(WEDNESDAY, 18, 0, 22, 0), null);
        HomeShiftInput wednesdayEarly = new HomeShiftInput().externalId("w1").startsAt(at(WEDNESDAY, 7, 0))
                .endsAt(at(WEDNESDAY, 12, 0)).breakMinutes(0);

        HomeShiftsResult first = roster("\"0\"", homeDayShift("t1"), wednesdayEarly);
        assertThat(first.getShifts()).extracting(Placement::getExternalId).containsExactly("t1", "w1");
        assertThat(first.getViolations()).isEmpty();

        // the employer's roster is a fact: a Thursday 05:30 start 7.5 h after the Wednesday evening is stored and reported
        HomeShiftInput thursday = new HomeShiftInput().externalId("th1").startsAt(at(WEDNESDAY.plusDays(1), 5, 30))
                .endsAt(at(WEDNESDAY.plusDays(1), 11, 30)).breakMinutes(30);
        expectProblem(412, "PRECONDITION_FAILED", () -> roster("\"0\"", wednesdayEarly, thursday));
        HomeShiftsResult second = roster("\"1\"", wednesdayEarly, thursday);
        assertThat(second.getShifts()).extracting(Placement::getExternalId).containsExactly("w1", "th1");
        assertThat(second.getShifts().get(0).getId()).isEqualTo(first.getShifts().get(1).getId());
        assertThat(second.getViolations()).extracting(RuleViolation::getCode).contains("ATW_MIN_DAILY_REST");
        assertThat(second.getViolations().stream().filter(v -> v.getCode().equals("ATW_MIN_DAILY_REST")).findFirst()
                .orElseThrow().getEntityIds()).contains(evening.getId(), second.getShifts().get(1).getId());

        HomeShiftInput overlapping = new HomeShiftInput().externalId("x").startsAt(at(WEDNESDAY, 17, 0))
                .endsAt(at(WEDNESDAY, 19, 0)).breakMinutes(0);
        expectProblem(409, "PLACEMENT_OVERLAP", () -> roster("\"2\"", overlapping));
        expectProblem(404, "NOT_FOUND", () -> as(borrower).replaceHomeShifts(assistant.getId(), at(TUESDAY, 0, 0),
                at(TUESDAY.plusDays(1), 0, 0), "\"2\"", new HomeShiftsReplace().shifts(List.of())));
        assertThat(roster("\"2\"").getShifts()).isEmpty();
        assertThat(admin.listPlacements(assistant.getId(), null, null, PlacementKind.HOME_SHIFT, null, null, null, null)
                .getData()).isEmpty();
    }

    @Test
    void aMemberSeesViolationsInvolvingOtherMembersShiftsByIdOnly() throws ApiException {
        UUID homeShiftId = roster("\"0\"", homeDayShift("r1")).getShifts().get(0).getId();
        RuleViolation forBorrower = as(borrower).validatePlacement(shift(TUESDAY, 19, 0, 23, 30), null).getViolations()
                .stream().filter(v -> v.getCode().equals("ATW_MIN_DAILY_REST")).findFirst().orElseThrow();
        RuleViolation forAdmin = admin.validatePlacement(shift(TUESDAY, 19, 0, 23, 30), null).getViolations()
                .stream().filter(v -> v.getCode().equals("ATW_MIN_DAILY_REST")).findFirst().orElseThrow();

        assertThat(forBorrower.getEntityIds()).contains(homeShiftId);
        assertThat(forBorrower.getMessage()).doesNotContain("07:00", "17:00", "2026-03-03");
        assertThat(forBorrower.getActual()).isEqualTo(forAdmin.getActual());
        assertThat(forAdmin.getMessage()).contains("2026-03-03");
    }

    @Test
    void theAgreementsRuleSetDrivesTheWorkingTimeCheck() throws ApiException {
        CaoRuleSetsApi ruleSets = new CaoRuleSetsApi(TestApp.client(TestApp.adminToken(tenant)));
        ruleSets.createCaoRuleSet(new CaoRuleSetCreate().code("CAO_KORT").name("Korte diensten")._extends("ATW"), null);
        ruleSets.addCaoRuleSetVersion("CAO_KORT", new CaoRuleSetVersionCreate().validFrom(LocalDate.of(2026, 1, 1))
                .parameters(List.of(new RuleParameterValue().name(RuleParameterName.MAX_SHIFT_WORK).minutes(8 * 60)
                        .source("Regionale afspraak 2026, art. 3"))), null);
        Worker other = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(home.getId(), "Eva", "Smit"), null);
        LoanAgreement strict = activeAgreement(tenant, home.getId(), borrower.getId(), other.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), null, 20, "CAO_KORT");
        PlacementCreate nineHours = new PlacementCreate().agreementId(strict.getId()).startsAt(at(WEDNESDAY, 8, 0))
                .endsAt(at(WEDNESDAY, 17, 0)).breakMinutes(30);

        Problem problem = expectProblem(422, "RULES_VIOLATED", () -> as(borrower).createPlacement(nineHours, null));
        assertThat(problem.getViolations()).extracting(RuleViolation::getCode, RuleViolation::getLimit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ATW_MAX_SHIFT_LENGTH", "8 h"));
        // the same shift under the agreement with CAO Huisartsenzorg (the law's 12 h) is fine
        assertThat(as(borrower).validatePlacement(nineHours.agreementId(agreement.getId()), null).getValid()).isTrue();
    }

    @Test
    void theRoleMustBeHeldOnTheDay() throws ApiException {
        Worker nurse = new WorkersApi(TestApp.client(TestApp.adminToken(tenant))).createWorker(
                workerCreate(home.getId(), "Noor", "Visser").qualifications(List.of(new Qualification()
                        .role(QualificationRole.VERPLEEGKUNDIGE).bigNumber("19012345601")
                        .validUntil(LocalDate.of(2026, 6, 30)))), null);
        LoanAgreement nursing = activeAgreement(tenant, home.getId(), borrower.getId(), nurse.getId(),
                QualificationRole.VERPLEEGKUNDIGE, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16, null);
        PlacementCreate june = new PlacementCreate().agreementId(nursing.getId()).startsAt(at(LocalDate.of(2026, 6, 30), 9, 0))
                .endsAt(at(LocalDate.of(2026, 6, 30), 13, 0));
        assertThat(as(borrower).validatePlacement(june, null).getValid()).isTrue();
        PlacementCreate july = new PlacementCreate().agreementId(nursing.getId()).startsAt(at(LocalDate.of(2026, 7, 1), 9, 0))
                .endsAt(at(LocalDate.of(2026, 7, 1), 13, 0)).overrideReason("BIG renewal is underway");
        Problem problem = expectProblem(422, "RULES_VIOLATED", () -> admin.createPlacement(july, null));
        assertThat(problem.getViolations()).extracting(RuleViolation::getCode).containsExactly("ROLE_NOT_QUALIFIED");
    }

    @Test
    void theAgreementMustBeActive() throws ApiException {
        LoanAgreement draft = new LoanAgreementsApi(TestApp.client(TestApp.adminToken(tenant))).createLoanAgreement(
                new LoanAgreementCreate().lenderMemberId(home.getId()).borrowerMemberId(stranger.getId())
                        .workerId(assistant.getId()).role(QualificationRole.DOKTERSASSISTENT)
                        .startDate(LocalDate.of(2026, 1, 1)).hoursPerWeek(4).tariffCentsPerHour(3150L)
                        .waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT), null);
        Problem notActive = expectProblem(422, "RULES_VIOLATED", () -> as(stranger).createPlacement(
                new PlacementCreate().agreementId(draft.getId()).startsAt(at(WEDNESDAY, 9, 0)).endsAt(at(WEDNESDAY, 12, 0)), null));
        assertThat(notActive.getViolations()).extracting(RuleViolation::getCode).containsExactly("AGREEMENT_NOT_ACTIVE");
    }

    @Test
    void aMoveIsCheckedAgainstEveryRuleBeforeItIsStored() throws ApiException {
        roster("\"0\"", homeDayShift("r1"));
        ApiResponse<Placement> created = as(borrower).createPlacementWithHttpInfo(shift(WEDNESDAY, 18, 0, 22, 0), null);
        UUID id = created.getData().getId();

        Problem problem = expectProblem(422, "RULES_VIOLATED", () -> as(borrower).updatePlacement(id,
                etag(created), new PlacementPatch().startsAt(at(TUESDAY, 19, 0)).endsAt(at(TUESDAY, 23, 30))));
        assertThat(problem.getViolations()).extracting(RuleViolation::getCode).contains("ATW_MIN_DAILY_REST");
        Placement unchanged = as(borrower).getPlacement(id);
        assertThat(unchanged.getStartsAt()).isEqualTo(at(WEDNESDAY, 18, 0));

        Placement moved = as(borrower).updatePlacement(id, etag(created), new PlacementPatch().startsAt(at(WEDNESDAY, 17, 0))
                .endsAt(at(WEDNESDAY, 21, 0)).locationPostcode("7002 CD"));
        assertThat(moved.getEndsAt()).isEqualTo(at(WEDNESDAY, 21, 0));
        assertThat(moved.getLocationPostcode()).isEqualTo("7002 CD");
    }

    @Test
    void aRepeatedCreateWithTheSameKeyReplaysTheFirst() throws ApiException {
        String key = UUID.randomUUID().toString();
        PlacementsApi sameCaller = as(borrower);
        Placement first = sameCaller.createPlacement(shift(WEDNESDAY, 9, 0, 13, 0), key);
        Placement replayed = sameCaller.createPlacement(shift(WEDNESDAY, 9, 0, 13, 0), key);
        assertThat(replayed.getId()).isEqualTo(first.getId());
    }

    @Test
    void aCreatedPlacementIsAuditedOnce() throws ApiException {
        String key = UUID.randomUUID().toString();
        PlacementsApi sameCaller = as(borrower);
        Placement first = sameCaller.createPlacement(shift(WEDNESDAY, 9, 0, 13, 0), key);
        sameCaller.createPlacement(shift(WEDNESDAY, 9, 0, 13, 0), key);
        assertThat(new AuditApi(TestApp.client(TestApp.adminToken(tenant)))
                .listAuditEvents("placement", first.getId(), null, null, null, null, null).getData())
                .extracting(AuditEvent::getAction).containsExactly("placement.created");
    }

    @Test
    void anotherCooperativeCannotSeeThePlacementOrUseTheAgreement() throws ApiException {
        Placement first = as(borrower).createPlacement(shift(WEDNESDAY, 9, 0, 13, 0), null);
        UUID elsewhere = newCooperative();
        PlacementsApi otherAdmin = new PlacementsApi(TestApp.client(TestApp.adminToken(elsewhere)));
        expectProblem(404, "NOT_FOUND", () -> otherAdmin.getPlacement(first.getId()));
        expectProblem(422, "VALIDATION_FAILED", () -> otherAdmin.createPlacement(shift(WEDNESDAY, 14, 0, 16, 0), null));
        expectProblem(404, "NOT_FOUND", () -> otherAdmin.getWorkerSchedule(assistant.getId(), at(TUESDAY, 0, 0),
                at(WEDNESDAY, 0, 0)));
    }

    @Test
    void aRosterIsCappedAtAThousandShiftsPerCall() throws ApiException {
        List<HomeShiftInput> shifts = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 5, 4);
        while (shifts.size() < 1000) {
            for (int hour : new int[] {6, 10, 14}) {
                if (shifts.size() < 1000) {
                    shifts.add(new HomeShiftInput().externalId("s" + shifts.size()).startsAt(at(day, hour, 0))
                            .endsAt(at(day, hour + 3, 0)).breakMinutes(0));
                }
            }
            day = day.plusDays(1);
        }
        OffsetDateTime from = at(LocalDate.of(2026, 5, 4), 0, 0);
        OffsetDateTime to = from.plusDays(366);
        PlacementsApi employer = as(home);
        HomeShiftsResult result = employer.replaceHomeShifts(assistant.getId(), from, to,
                "\"0\"", new HomeShiftsReplace().shifts(shifts));
        assertThat(result.getShifts()).hasSize(1000);
        assertThat(result.getViolations()).extracting(RuleViolation::getCode).contains("ATW_MAX_WEEK_HOURS");

        List<HomeShiftInput> tooMany = new ArrayList<>(shifts);
        tooMany.add(new HomeShiftInput().externalId("extra").startsAt(from.plusDays(360)).endsAt(from.plusDays(360).plusHours(1)));
        expectProblem(422, "VALIDATION_FAILED", () -> employer.replaceHomeShifts(assistant.getId(), from, to,
                "\"1\"", new HomeShiftsReplace().shifts(tooMany)));
        assertThat(admin.listPlacements(assistant.getId(), null, null, PlacementKind.HOME_SHIFT, null, null, 200, null)
                .getNextCursor()).isNotNull();
    }
}
