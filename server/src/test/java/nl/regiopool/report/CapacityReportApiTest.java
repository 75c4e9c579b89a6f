package nl.regiopool.report;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.ReportsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.CapacityReportRow;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Offer;
import nl.regiopool.client.model.OfferCreate;
import nl.regiopool.client.model.OfferStatus;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.RequestedShiftInput;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A practice asks for three evening shifts in one week (two in one request, one in another); the single-shift
 * request is filled through offer, accept and release. The capacity report shows the three shifts' hours
 * requested, one shift's filled, the pooled worker's hours available, and only to those who may see it.
 */
class CapacityReportApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** 19:00-23:30: 4.5 hours, no break. */
    private static final String SHIFT_HOURS = "4.5";

    private UUID tenant;
    private Member practice;
    private Member linde;
    private LocalDate tuesday;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        linde = newMember(tenant, "Huisartsenpraktijk De Linde");
        tuesday = LocalDate.now(AMSTERDAM).plusWeeks(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    }

    private static RequestedShiftInput evening(LocalDate day) {
        return new RequestedShiftInput()
                .startsAt(ZonedDateTime.of(day, LocalTime.of(19, 0), AMSTERDAM).toOffsetDateTime())
                .endsAt(ZonedDateTime.of(day, LocalTime.of(23, 30), AMSTERDAM).toOffsetDateTime());
    }

    private StaffingRequest request(StaffingRequestsApi asPractice, List<RequestedShiftInput> shifts)
            throws ApiException {
        return asPractice.createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS).shifts(shifts)
                .locationPostcode("7002 CD"), null);
    }

    private static String week(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static ReportsApi reports(String token) {
        return new ReportsApi(TestApp.client(token));
    }

    @Test
    void requestedFilledAndPoolHoursPerRoleAndWeekScopedToTheMember() throws Exception {
        String admin = TestApp.adminToken(tenant);
        UUID pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        UUID sanne = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(linde.getId(), "Sanne", "Jansen"),
                null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(sanne)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        activeAgreement(tenant, linde.getId(), practice.getId(), sanne, QualificationRole.DOKTERSASSISTENT,
                LocalDate.now(AMSTERDAM), LocalDate.now(AMSTERDAM).plusMonths(6), 8, null);

        StaffingRequestsApi asPractice = new StaffingRequestsApi(
                TestApp.client(TestApp.memberToken(tenant, practice.getId())));
        request(asPractice, List.of(evening(tuesday), evening(tuesday.plusDays(1))));
        StaffingRequest single = request(asPractice, List.of(evening(tuesday.plusDays(2))));
        Offer offer = asPractice.createOffers(single.getId(), new OfferCreate().workerIds(Set.of(sanne)), null)
                .getData().get(0);
        new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, sanne))).acceptOffer(offer.getId(), "*", null);
        Offer placed = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, linde.getId())))
                .releaseOffer(offer.getId(), "*", null);
        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);

        LocalDate from = tuesday.minusDays(7);
        LocalDate to = tuesday.plusDays(7);
        for (String token : List.of(admin, TestApp.auditorToken(tenant), TestApp.memberToken(tenant, practice.getId()))) {
            List<CapacityReportRow> rows = reports(token).getCapacityReport(from, to).getRows();
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.getWeek()).isEqualTo(week(tuesday));
                assertThat(row.getRole()).isEqualTo(QualificationRole.DOKTERSASSISTENT);
                assertThat(row.getRequestedHours()).isEqualByComparingTo("13.5");
                assertThat(row.getFilledHours()).isEqualByComparingTo(SHIFT_HOURS);
                assertThat(row.getUnfilledHours()).isEqualByComparingTo("9");
                assertThat(row.getFillRate()).isEqualByComparingTo("0.3333");
                assertThat(row.getMedianHoursToFill()).isNotNull().isNotNegative();
                assertThat(row.getPoolHoursAvailable()).as("Sanne's contract hours").isEqualTo(24);
            });
        }
        assertThat(reports(TestApp.memberToken(tenant, linde.getId())).getCapacityReport(from, to).getRows())
                .as("another member sees nothing of the practice's requests").isEmpty();
        assertThat(reports(TestApp.adminToken(newCooperative())).getCapacityReport(from, to).getRows())
                .as("another cooperative sees nothing").isEmpty();
        assertThat(reports(admin).getCapacityReport(to.plusDays(1), to.plusDays(30)).getRows())
                .as("shifts outside the period are not counted").isEmpty();

        String query = "/v1/reports/capacity?from=" + from + "&to=" + to;
        HttpResponse<String> csv = Http.send("GET", query, TestApp.memberToken(tenant, practice.getId()), null, null,
                "Accept", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).containsExactly(CapacityReportCsv.HEADER,
                week(tuesday) + ",DOKTERSASSISTENT,13.50,4.50,9.00,0.3333,"
                        + reports(admin).getCapacityReport(from, to).getRows().get(0).getMedianHoursToFill() + ",24");
        assertThat(Http.send("GET", query, TestApp.memberToken(tenant, linde.getId()), null, null,
                "Accept", "text/csv").body().lines().toList()).containsExactly(CapacityReportCsv.HEADER);
    }

    @Test
    void aBadPeriodIsRefused() {
        String admin = TestApp.adminToken(tenant);
        assertThat(fieldCodes(expectProblem(422, "VALIDATION_FAILED",
                () -> reports(admin).getCapacityReport(tuesday, tuesday.minusDays(1))))).containsExactly("query.to:INVALID_PERIOD");
        assertThat(fieldCodes(expectProblem(422, "VALIDATION_FAILED",
                () -> reports(admin).getCapacityReport(tuesday, tuesday.plusYears(2))))).containsExactly("query.to:PERIOD_TOO_LONG");
        HttpResponse<String> malformed = Http.send("GET", "/v1/reports/capacity?from=gisteren&to=2027-01-01", admin,
                null, null);
        assertThat(malformed.statusCode()).isBetween(400, 422);
        assertThat(Http.send("GET", "/v1/reports/capacity?to=2027-01-01", admin, null, null).statusCode())
                .isBetween(400, 422);
    }

    @Test
    void aWorkerMayNotReadTheReport() throws Exception {
        String admin = TestApp.adminToken(tenant);
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(linde.getId(), "Eva", "Jansen"),
                null).getId();
        expectProblem(403, () -> reports(TestApp.workerToken(tenant, worker)).getCapacityReport(tuesday, tuesday));
    }

    private static List<String> fieldCodes(nl.regiopool.client.model.Problem problem) {
        return problem.getErrors().stream().map(error -> error.getField() + ":" + error.getCode()).toList();
    }
}
