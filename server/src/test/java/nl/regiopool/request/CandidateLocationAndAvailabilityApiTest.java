package nl.regiopool.request;

import static nl.regiopool.request.CandidatesApiTest.evening;
import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.AvailabilityApi;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.Candidate;
import nl.regiopool.client.model.CandidateReason;
import nl.regiopool.client.model.CandidateReasonCode;
import nl.regiopool.client.model.IsoWeekday;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MemberPatch;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.client.model.WeeklyWindow;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WorkerAvailabilityReplace;
import nl.regiopool.client.model.WorkerCreate;
import nl.regiopool.client.model.WorkerPatch;
import nl.regiopool.client.model.WorkerVisibility;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distance and the stated availability in the candidate ranking. Locations come from stated coordinates or
 * from the postcode through the geocoder (TestApp's local stub); its answers are cached in the database, which
 * every test of the JVM shares, so the postcodes here are this class's own.
 */
class CandidateLocationAndAvailabilityApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    static {
        TestApp.GEOCODER.place("7411AB", 52.2550, 6.1630) // the practice, Deventer
                .place("7412CD", 52.2600, 6.1700)          // about 0.7 km from it
                .place("7413EF", 52.3000, 6.1630);         // about 5 km north
    }

    private UUID tenant;
    private String admin;
    private Member practice;
    private Member lender;
    private UUID pool;
    private StaffingRequestsApi asPractice;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        MembersApi members = new MembersApi(TestApp.client(admin));
        practice = members.createMember(memberCreate("Huisartsenpraktijk De Brink").postcode("7411 AB"), null);
        lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())));
    }

    private UUID pooledWorker(WorkerCreate create) throws ApiException {
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(create, null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(worker)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        return worker;
    }

    private WorkerCreate worker(String name, String postcode) {
        return workerCreate(lender.getId(), name, "Jansen").postcode(postcode);
    }

    private StaffingRequest threeTuesdayEvenings() throws ApiException {
        return asPractice.createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(evening(1), evening(2), evening(3))), null);
    }

    private static Optional<CandidateReason> reason(List<Candidate> candidates, UUID worker, CandidateReasonCode code) {
        Candidate candidate = candidates.stream().filter(c -> c.getWorkerId().equals(worker)).findFirst().orElseThrow();
        assertThat(candidate.getScore()).as("the score is the sum of the reasons")
                .isEqualTo(candidate.getReasons().stream().mapToInt(CandidateReason::getPoints).sum());
        return candidate.getReasons().stream().filter(r -> r.getCode() == code).findFirst();
    }

    @Test
    void closerWorkersRankHigherWithTheKilometresAndPointsInTheirReason() throws ApiException {
        UUID near = pooledWorker(worker("Sanne", "7412 CD"));
        UUID north = pooledWorker(worker("Fleur", "7413 EF"));
        UUID utrecht = pooledWorker(worker("Eva", "7001 AB").latitude(52.0907).longitude(5.1214));
        UUID unknown = pooledWorker(worker("Lotte", "9999 ZZ"));
        StaffingRequest request = threeTuesdayEvenings();

        List<Candidate> ranked = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null).getData();

        assertThat(ranked).extracting(Candidate::getWorkerId).containsExactly(near, north,
                sorted(utrecht, unknown).get(0), sorted(utrecht, unknown).get(1));
        CandidateReason nearby = reason(ranked, near, CandidateReasonCode.DISTANCE_KM).orElseThrow();
        assertThat(nearby.getValue().doubleValue()).isCloseTo(0.7, within(0.1));
        assertThat(nearby.getPoints()).isEqualTo(20);
        CandidateReason fiveKm = reason(ranked, north, CandidateReasonCode.DISTANCE_KM).orElseThrow();
        assertThat(fiveKm.getValue().doubleValue()).isCloseTo(5.0, within(0.1));
        assertThat(fiveKm.getPoints()).isEqualTo(18);
        CandidateReason stated = reason(ranked, utrecht, CandidateReasonCode.DISTANCE_KM).orElseThrow();
        assertThat(stated.getValue().doubleValue()).as("stated coordinates win over the postcode").isCloseTo(73.0, within(1.0));
        assertThat(stated.getPoints()).isZero();
        assertThat(reason(ranked, unknown, CandidateReasonCode.DISTANCE_KM)).as("a postcode the geocoder does not know")
                .isEmpty();
    }

    @Test
    void theMembersStatedCoordinatesLocateItsRequestsAndBothComeInPairs() throws ApiException {
        UUID utrecht = pooledWorker(worker("Eva", "7001 AB").latitude(52.0907).longitude(5.1214));
        MembersApi members = new MembersApi(TestApp.client(admin));
        Member moved = members.updateMember(practice.getId(), "*", new MemberPatch().latitude(52.0910).longitude(5.1220));
        assertThat(moved.getLatitude()).isEqualTo(52.0910);
        assertThat(moved.getLongitude()).isEqualTo(5.1220);
        StaffingRequest request = threeTuesdayEvenings();

        List<Candidate> ranked = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null).getData();

        CandidateReason distance = reason(ranked, utrecht, CandidateReasonCode.DISTANCE_KM).orElseThrow();
        assertThat(distance.getValue().doubleValue()).isCloseTo(0.1, within(0.1));
        assertThat(distance.getPoints()).isEqualTo(20);
        long members0 = rowCount("member");
        assertThat(members.updateMember(practice.getId(), "*", new MemberPatch().latitude(52.0)).getLongitude())
                .as("an absent field keeps its value").isEqualTo(5.1220);
        expectProblem(422, "VALIDATION_FAILED", () -> members.updateMember(lender.getId(), "*",
                new MemberPatch().latitude(52.0)));
        assertThat(members.getMember(lender.getId()).getLatitude()).isNull();
        expectProblem(422, "VALIDATION_FAILED", () -> new WorkersApi(TestApp.client(admin)).createWorker(
                worker("Noor", "7001 AB").longitude(5.0), null));
        expectProblem(422, "VALIDATION_FAILED", () -> new WorkersApi(TestApp.client(admin)).updateWorker(utrecht, "*",
                new WorkerPatch().latitude(91.0).longitude(5.0)));
        assertThat(rowCount("member")).isEqualTo(members0);
    }

    @Test
    void anotherMemberSeesNoCoordinatesOfAPooledWorker() throws ApiException {
        UUID utrecht = pooledWorker(worker("Eva", "7001 AB").latitude(52.0907).longitude(5.1214));
        Worker limited = new WorkersApi(TestApp.client(TestApp.memberToken(tenant, practice.getId()))).getWorker(utrecht);
        assertThat(limited.getVisibility()).isEqualTo(WorkerVisibility.LIMITED);
        assertThat(limited.getLatitude()).isNull();
        assertThat(limited.getLongitude()).isNull();
        Worker full = new WorkersApi(TestApp.client(TestApp.memberToken(tenant, lender.getId()))).getWorker(utrecht);
        assertThat(full.getLatitude()).isEqualTo(52.0907);
        Worker patched = new WorkersApi(TestApp.client(admin)).updateWorker(utrecht, "*",
                new WorkerPatch().latitude(52.2).longitude(6.2));
        assertThat(patched.getLatitude()).isEqualTo(52.2);
        assertThat(patched.getLongitude()).isEqualTo(6.2);
    }

    @Test
    void aPostcodeIsLookedUpOnceAndItsAnswerCachedAlsoWhenNotFound() throws ApiException {
        TestApp.GEOCODER.place("7414GH", 52.2700, 6.1630);
        UUID placed = pooledWorker(worker("Sanne", "7414 GH"));
        UUID nowhere = pooledWorker(worker("Fleur", "9998 ZZ"));
        StaffingRequest request = threeTuesdayEvenings();

        List<Candidate> first = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null).getData();
        List<Candidate> second = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null).getData();

        assertThat(reason(first, placed, CandidateReasonCode.DISTANCE_KM)).isPresent();
        assertThat(second).isEqualTo(first);
        assertThat(reason(second, nowhere, CandidateReasonCode.DISTANCE_KM)).isEmpty();
        assertThat(TestApp.GEOCODER.requests("7414GH")).isEqualTo(1);
        assertThat(TestApp.GEOCODER.requests("9998ZZ")).isEqualTo(1);
    }

    @Test
    void aGeocoderThatFailsOrIsSlowLeavesTheDistanceOutAndNeverFailsTheRanking() throws ApiException {
        TestApp.GEOCODER.slow("7415JK").failing("7416LM");
        UUID slow = pooledWorker(worker("Sanne", "7415 JK"));
        UUID failing = pooledWorker(worker("Fleur", "7416 LM"));
        UUID near = pooledWorker(worker("Eva", "7412 CD"));
        StaffingRequest request = threeTuesdayEvenings();

        long started = System.nanoTime();
        List<Candidate> ranked = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null).getData();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(ranked).extracting(Candidate::getWorkerId).containsExactly(near, sorted(slow, failing).get(0),
                sorted(slow, failing).get(1));
        assertThat(reason(ranked, slow, CandidateReasonCode.DISTANCE_KM)).isEmpty();
        assertThat(reason(ranked, failing, CandidateReasonCode.DISTANCE_KM)).isEmpty();
        assertThat(reason(ranked, near, CandidateReasonCode.DISTANCE_KM)).isPresent();
    }

    @Test
    void statedAvailabilityAddsPointsAndAStatedUnavailableWorkerRanksLastButStaysEligible() throws ApiException {
        UUID available = pooledWorker(worker("Sanne", "9999 ZZ"));
        UUID silent = pooledWorker(worker("Fleur", "9999 ZZ"));
        UUID unavailable = pooledWorker(worker("Eva", "9999 ZZ"));
        // Eva's agreement would put her first (20 points) if her stated unavailability did not rank her last
        activeAgreement(tenant, lender.getId(), practice.getId(), unavailable, QualificationRole.DOKTERSASSISTENT,
                LocalDate.now(AMSTERDAM), LocalDate.now(AMSTERDAM).plusMonths(6), 8, null);
        state(available, new WeeklyWindow().weekday(IsoWeekday.TUESDAY).from("18:00").to("24:00"));
        state(unavailable, new WeeklyWindow().weekday(IsoWeekday.MONDAY).from("08:00").to("17:00"));
        StaffingRequest request = threeTuesdayEvenings();

        List<Candidate> ranked = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null).getData();

        assertThat(ranked).extracting(Candidate::getWorkerId).containsExactly(available, silent, unavailable);
        assertThat(ranked).allSatisfy(candidate -> assertThat(candidate.getEligible()).isTrue());
        CandidateReason yes = reason(ranked, available, CandidateReasonCode.STATED_AVAILABLE).orElseThrow();
        assertThat(yes.getValue().intValue()).isEqualTo(3);
        assertThat(yes.getPoints()).isEqualTo(15);
        CandidateReason no = reason(ranked, unavailable, CandidateReasonCode.STATED_UNAVAILABLE).orElseThrow();
        assertThat(no.getValue().intValue()).isEqualTo(3);
        assertThat(no.getPoints()).isEqualTo(-15);
        Candidate last = ranked.get(2);
        assertThat(last.getScore()).as("higher than the silent worker's, ranked after it all the same")
                .isGreaterThan(ranked.get(1).getScore());
        assertThat(ranked.get(1).getReasons()).extracting(CandidateReason::getCode)
                .doesNotContain(CandidateReasonCode.STATED_AVAILABLE, CandidateReasonCode.STATED_UNAVAILABLE);
    }

    private void state(UUID worker, WeeklyWindow window) throws ApiException {
        new AvailabilityApi(TestApp.client(TestApp.workerToken(tenant, worker))).replaceMyAvailability("*",
                new WorkerAvailabilityReplace().weekly(List.of(window)).exceptions(List.of()));
    }

    private static List<UUID> sorted(UUID... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }
}
