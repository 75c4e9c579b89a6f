package nl.regiopool.request;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.Candidate;
import nl.regiopool.client.model.CandidateList;
import nl.regiopool.client.model.CandidateReason;
import nl.regiopool.client.model.CandidateReasonCode;
import nl.regiopool.client.model.CoverageReason;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsReplace;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.RequestedShiftInput;
import nl.regiopool.client.model.RuleViolation;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.client.model.WorkerPatch;
import nl.regiopool.client.model.WorkerStatus;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CandidatesApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private UUID tenant;
    private String admin;
    private Member practice;
    private Member lender;
    private UUID pool;
    private StaffingRequestsApi asPractice;
    private StaffingRequestsApi asAdmin;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())));
        asAdmin = new StaffingRequestsApi(TestApp.client(admin));
    }

    static LocalDate tuesday(int weeks) {
        return LocalDate.now(AMSTERDAM).plusWeeks(weeks).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    }

    /** 19:00-23:30 on the Tuesday {@code weeks} weeks from now. */
    static RequestedShiftInput evening(int weeks) {
        return new RequestedShiftInput()
                .startsAt(ZonedDateTime.of(tuesday(weeks), LocalTime.of(19, 0), AMSTERDAM).toOffsetDateTime())
                .endsAt(ZonedDateTime.of(tuesday(weeks), LocalTime.of(23, 30), AMSTERDAM).toOffsetDateTime());
    }

    private UUID pooledWorker(Member employer, String name, Integer maxHoursPerWeek) throws ApiException {
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(employer.getId(), name, "Jansen"),
                null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(worker)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)).maxHoursPerWeek(maxHoursPerWeek),
                null);
        return worker;
    }

    private StaffingRequest threeTuesdayEvenings() throws ApiException {
        return asPractice.createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(evening(1), evening(2), evening(3))), null);
    }

    @Test
    void thePoolIsRankedWithReasonsAndEveryPlacementRuleBlocksAsIfPlaced() throws ApiException {
        UUID sanne = pooledWorker(lender, "Sanne", null);
        UUID fleur = pooledWorker(lender, "Fleur", null);
        UUID eva = pooledWorker(lender, "Eva", 4);
        UUID lotte = pooledWorker(lender, "Lotte", null);
        UUID own = pooledWorker(practice, "Daan", null);
        UUID unpooled = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(lender.getId(), "Noor",
                "Bakker"), null).getId();
        activeAgreement(tenant, lender.getId(), practice.getId(), sanne, QualificationRole.DOKTERSASSISTENT,
                LocalDate.now(AMSTERDAM), LocalDate.now(AMSTERDAM).plusMonths(6), 8, null);
        // Fleur's home roster: 07:00-17:00 on the first Tuesday leaves 7.5 h of rest around the 19:00-23:30 shift
        new PlacementsApi(TestApp.client(admin)).replaceHomeShifts(fleur,
                tuesday(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(),
                tuesday(1).plusDays(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(), "*",
                new HomeShiftsReplace().shifts(List.of(new HomeShiftInput().externalId("rooster-1")
                        .startsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(7, 0), AMSTERDAM).toOffsetDateTime())
                        .endsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(17, 0), AMSTERDAM).toOffsetDateTime())
                        .breakMinutes(30))));
        WorkersApi workers = new WorkersApi(TestApp.client(admin));
        workers.updateWorker(lotte, "*", new WorkerPatch().status(WorkerStatus.INACTIVE));
        StaffingRequest request = threeTuesdayEvenings();

        CandidateList forPractice = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null);
        assertThat(forPractice.getRepresentativeWeek()).isFalse();
        assertThat(forPractice.getCheckedShifts()).hasSize(3);
        assertThat(forPractice.getData()).extracting(Candidate::getWorkerId).containsExactly(sanne);
        Candidate first = forPractice.getData().get(0);
        assertThat(first.getEligible()).isTrue();
        assertThat(first.getBlockers()).isEmpty();
        assertThat(first.getEmployerMemberId()).isEqualTo(lender.getId());
        assertThat(first.getReasons()).extracting(CandidateReason::getCode)
                .contains(CandidateReasonCode.HAS_ACTIVE_AGREEMENT, CandidateReasonCode.HOURS_LENT_THIS_MONTH)
                .doesNotContain(CandidateReasonCode.DISTANCE_KM);
        assertThat(first.getScore()).isEqualTo(first.getReasons().stream().mapToInt(CandidateReason::getPoints).sum())
                .isEqualTo(20);

        CandidateList all = asAdmin.listStaffingRequestCandidates(request.getId(), true, null, null);
        assertThat(all.getData()).extracting(Candidate::getWorkerId).containsExactly(sanne,
                sortedIds(fleur, eva, lotte).get(0), sortedIds(fleur, eva, lotte).get(1),
                sortedIds(fleur, eva, lotte).get(2)).doesNotContain(own, unpooled);
        assertThat(blockerCodes(all, fleur)).containsExactly("ATW_MIN_DAILY_REST");
        assertThat(blockerCodes(all, eva)).containsExactly("POOL_MAX_HOURS_PER_WEEK");
        assertThat(blockerCodes(all, lotte)).containsExactly("WORKER_NOT_ACTIVE");
        RuleViolation rest = all.getData().stream().filter(c -> c.getWorkerId().equals(fleur)).findFirst().orElseThrow()
                .getBlockers().get(0);
        assertThat(rest.getLimit()).isNotBlank();
        assertThat(rest.getActual()).isNotBlank();

        CandidateList firstPage = asAdmin.listStaffingRequestCandidates(request.getId(), true, 2, null);
        assertThat(firstPage.getData()).hasSize(2);
        CandidateList secondPage = asAdmin.listStaffingRequestCandidates(request.getId(), true, 2,
                firstPage.getNextCursor());
        assertThat(secondPage.getData()).extracting(Candidate::getWorkerId)
                .containsExactlyElementsOf(all.getData().subList(2, 4).stream().map(Candidate::getWorkerId).toList());
        assertThat(secondPage.getNextCursor()).isNull();
    }

    @Test
    void pagesOfEligibleCandidatesFollowTheFullRankingWhileOnlyThePagesAreChecked() throws ApiException {
        List<UUID> busy = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            UUID worker = pooledWorker(lender, "Invaller" + n, null);
            if (n % 3 == 1) {
                busy.add(worker);
                // a home shift over the first Tuesday evening: overlaps the request, so the worker is not eligible
                new PlacementsApi(TestApp.client(admin)).replaceHomeShifts(worker,
                        tuesday(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(),
                        tuesday(1).plusDays(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(), "*",
                        new HomeShiftsReplace().shifts(List.of(new HomeShiftInput().externalId("avond")
                                .startsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(18, 0), AMSTERDAM)
                                        .toOffsetDateTime())
                                .endsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(22, 0), AMSTERDAM)
                                        .toOffsetDateTime()))));
            }
        }
        StaffingRequest request = threeTuesdayEvenings();
        List<Candidate> ranking = asAdmin.listStaffingRequestCandidates(request.getId(), true, 200, null).getData();
        assertThat(ranking).hasSize(30);
        List<UUID> eligible = ranking.stream().filter(Candidate::getEligible).map(Candidate::getWorkerId).toList();
        assertThat(eligible).hasSize(20).doesNotContainAnyElementsOf(busy);

        List<UUID> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CandidateList page = asPractice.listStaffingRequestCandidates(request.getId(), null, 3, cursor);
            assertThat(page.getData()).allMatch(Candidate::getEligible);
            page.getData().forEach(candidate -> paged.add(candidate.getWorkerId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(eligible);
        assertThat(pages).isEqualTo(7);

        List<UUID> pagedWithIneligible = new ArrayList<>();
        cursor = null;
        do {
            CandidateList page = asAdmin.listStaffingRequestCandidates(request.getId(), true, 7, cursor);
            page.getData().forEach(candidate -> pagedWithIneligible.add(candidate.getWorkerId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(pagedWithIneligible).containsExactlyElementsOf(ranking.stream().map(Candidate::getWorkerId).toList());
    }

    @Test
    void onlyAdminsListTheIneligibleAndOtherMembersSeeNothing() throws ApiException {
        pooledWorker(lender, "Sanne", null);
        StaffingRequest request = threeTuesdayEvenings();

        expectProblem(403, "FORBIDDEN", () -> asPractice.listStaffingRequestCandidates(request.getId(), true, null,
                null));
        StaffingRequestsApi asLender = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant,
                lender.getId())));
        expectProblem(404, "NOT_FOUND", () -> asLender.listStaffingRequestCandidates(request.getId(), null, null,
                null));
    }

    @Test
    void aCoverageRequestIsCheckedOnARepresentativeWeekAndSaysSo() throws ApiException {
        UUID sanne = pooledWorker(lender, "Sanne", null);
        UUID fixedFew = pooledWorker(lender, "Eva", 8);
        LocalDate monday = LocalDate.now(AMSTERDAM).plusWeeks(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        StaffingRequest request = asPractice.createStaffingRequest(new StaffingRequestCreate()
                .memberId(practice.getId()).role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.COVERAGE)
                .startDate(monday).endDate(monday.plusWeeks(8)).hoursPerWeek(20)
                .reason(CoverageReason.SICK_LEAVE_COVER), null);

        CandidateList all = asAdmin.listStaffingRequestCandidates(request.getId(), true, null, null);

        assertThat(all.getRepresentativeWeek()).isTrue();
        assertThat(all.getCheckedShifts()).hasSize(5);
        assertThat(all.getCheckedShifts().get(0).getStartsAt().toLocalDate()).isEqualTo(monday);
        assertThat(all.getData()).extracting(Candidate::getWorkerId).containsExactly(sanne, fixedFew);
        assertThat(blockerCodes(all, fixedFew)).containsExactly("POOL_MAX_HOURS_PER_WEEK");
    }

    private static List<UUID> sortedIds(UUID... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }

    private static List<String> blockerCodes(CandidateList list, UUID worker) {
        return list.getData().stream().filter(candidate -> candidate.getWorkerId().equals(worker)).findFirst()
                .orElseThrow().getBlockers().stream().map(RuleViolation::getCode).toList();
    }
}
