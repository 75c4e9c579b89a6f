package nl.regiopool.request;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.CoverageReason;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.RequestedShift;
import nl.regiopool.client.model.RequestedShiftInput;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.client.model.StaffingRequestPatch;
import nl.regiopool.client.model.StaffingRequestStatus;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaffingRequestApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private UUID tenant;
    private Member practice;
    private Member other;
    private StaffingRequestsApi asPractice;
    private StaffingRequestsApi asAdmin;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        practice = newMember(tenant, "Huisartsenpraktijk De Linde");
        other = newMember(tenant, "Huisartsenpraktijk Het Anker");
        asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())));
        asAdmin = new StaffingRequestsApi(TestApp.client(TestApp.adminToken(tenant)));
    }

    /** An evening shift on the Tuesday {@code weeks} weeks from now. */
    static RequestedShiftInput tuesdayEvening(int weeks) {
        LocalDate tuesday = LocalDate.now(AMSTERDAM).plusWeeks(weeks)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.TUESDAY));
        return new RequestedShiftInput()
                .startsAt(ZonedDateTime.of(tuesday, java.time.LocalTime.of(18, 0), AMSTERDAM).toOffsetDateTime())
                .endsAt(ZonedDateTime.of(tuesday, java.time.LocalTime.of(22, 0), AMSTERDAM).toOffsetDateTime())
                .breakMinutes(0);
    }

    private StaffingRequestCreate shifts(UUID member, RequestedShiftInput... shifts) {
        return new StaffingRequestCreate().memberId(member).role(QualificationRole.DOKTERSASSISTENT)
                .kind(StaffingRequestKind.SHIFTS).shifts(List.of(shifts)).maxTariffCentsPerHour(3500L)
                .notes("Avondspreekuur");
    }

    private StaffingRequestCreate coverage(UUID member) {
        LocalDate start = LocalDate.now(AMSTERDAM).plusDays(14);
        return new StaffingRequestCreate().memberId(member).role(QualificationRole.POH_SOMATIEK)
                .kind(StaffingRequestKind.COVERAGE).startDate(start).endDate(start.plusWeeks(12)).hoursPerWeek(16)
                .reason(CoverageReason.PARENTAL_LEAVE_COVER);
    }

    @Test
    void aMemberRequestsShiftsForItselfReadsThemBackAndTheCreateIsAudited() throws ApiException {
        ApiResponse<StaffingRequest> created = asPractice.createStaffingRequestWithHttpInfo(
                shifts(practice.getId(), tuesdayEvening(3), tuesdayEvening(1), tuesdayEvening(2))
                        .locationPostcode("7001ab"), null);
        StaffingRequest request = created.getData();

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("location").get(0)).endsWith("/v1/staffing-requests/" + request.getId());
        assertThat(request.getStatus()).isEqualTo(StaffingRequestStatus.OPEN);
        assertThat(request.getLocationPostcode()).isEqualTo("7001 AB");
        assertThat(request.getShifts()).extracting(RequestedShift::getStartsAt)
                .isSortedAccordingTo(OffsetDateTime::compareTo).hasSize(3);
        assertThat(request.getShifts()).extracting(RequestedShift::getId).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(request.getStartDate()).isNull();
        assertThat(asPractice.getStaffingRequest(request.getId())).isEqualTo(request);
        assertThat(asAdmin.listStaffingRequests(practice.getId(), StaffingRequestStatus.OPEN,
                StaffingRequestKind.SHIFTS, QualificationRole.DOKTERSASSISTENT, null, null).getData())
                .extracting(StaffingRequest::getId).containsExactly(request.getId());
        assertThat(asAdmin.listStaffingRequests(null, null, StaffingRequestKind.COVERAGE, null, null, null).getData())
                .isEmpty();

        List<AuditEvent> events = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)))
                .listAuditEvents("staffing_request", request.getId(), null, null, null, null, null).getData();
        assertThat(events).extracting(AuditEvent::getAction).containsExactly("staffing_request.created");
        assertThat(events.get(0).getAfter()).containsEntry("status", "OPEN").containsKey("shifts");
    }

    @Test
    void aCoverageRequestHasAPeriodAndHoursAndTheMembersPostcodeByDefault() throws ApiException {
        StaffingRequest request = asAdmin.createStaffingRequest(coverage(practice.getId()), null);

        assertThat(request.getKind()).isEqualTo(StaffingRequestKind.COVERAGE);
        assertThat(request.getShifts()).isEmpty();
        assertThat(request.getHoursPerWeek()).isEqualTo(16);
        assertThat(request.getReason()).isEqualTo(CoverageReason.PARENTAL_LEAVE_COVER);
        assertThat(request.getLocationPostcode()).isEqualTo(practice.getPostcode());
        assertThat(request.getMemberId()).isEqualTo(practice.getId());
    }

    @Test
    void membersSeeOnlyTheirOwnRequestsAndRequestOnlyForThemselves() throws ApiException {
        StaffingRequest mine = asPractice.createStaffingRequest(shifts(practice.getId(), tuesdayEvening(1)), null);
        StaffingRequestsApi asOther = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, other.getId())));

        expectProblem(404, "NOT_FOUND", () -> asOther.getStaffingRequest(mine.getId()));
        assertThat(asOther.listStaffingRequests(null, null, null, null, null, null).getData()).isEmpty();
        expectProblem(403, "FORBIDDEN", () -> asOther.createStaffingRequest(shifts(practice.getId(),
                tuesdayEvening(1)), null));
        expectProblem(404, "NOT_FOUND", () -> asOther.cancelStaffingRequest(mine.getId(), "*",
                new CancelRequest().reason("Niet van mij"), null));
        assertThat(new StaffingRequestsApi(TestApp.client(TestApp.auditorToken(tenant)))
                .getStaffingRequest(mine.getId()).getId()).isEqualTo(mine.getId());
    }

    @Test
    void badRequestsAnswer422WithFieldErrorsAndWriteNothing() throws ApiException {
        UUID pohPool = new PoolsApi(TestApp.client(TestApp.adminToken(tenant))).createPool(new PoolCreate()
                .name("Flexpool POH").allowedRoles(Set.of(QualificationRole.POH_GGZ)), null).getId();
        RequestedShiftInput past = tuesdayEvening(-2);
        RequestedShiftInput overlapping = tuesdayEvening(1).startsAt(tuesdayEvening(1).getStartsAt().plusHours(2))
                .endsAt(tuesdayEvening(1).getEndsAt().plusHours(1));
        List<RequestedShiftInput> tooMany = new ArrayList<>();
        for (int i = 1; i <= 51; i++) {
            tooMany.add(tuesdayEvening(i));
        }
        Map<String, Object> rowsBefore = new java.util.TreeMap<>(allRowCounts());

        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createStaffingRequest(
                shifts(practice.getId(), past), null)))).contains("shifts[0].startsAt:IN_THE_PAST");
        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createStaffingRequest(
                shifts(practice.getId(), tuesdayEvening(1), overlapping), null)))).contains("shifts[1]:OVERLAPPING");
        assertThat(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createStaffingRequest(
                shifts(practice.getId()).shifts(tooMany), null)).getErrors()).extracting(FieldError::getField)
                .contains("shifts");
        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createStaffingRequest(
                shifts(practice.getId(), tuesdayEvening(1)).poolIds(Set.of(pohPool)), null))))
                .contains("role:ROLE_NOT_REQUESTABLE");
        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createStaffingRequest(
                shifts(practice.getId(), tuesdayEvening(1)).poolIds(Set.of(UUID.randomUUID())), null))))
                .contains("poolIds:NOT_FOUND");
        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createStaffingRequest(
                shifts(practice.getId()).shifts(List.of()).hoursPerWeek(8), null))))
                .contains("shifts:REQUIRED", "hoursPerWeek:NOT_ALLOWED");
        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createStaffingRequest(
                coverage(practice.getId()).startDate(LocalDate.now(AMSTERDAM).minusDays(1))
                        .shifts(List.of(tuesdayEvening(1))), null))))
                .contains("startDate:IN_THE_PAST", "shifts:NOT_ALLOWED");
        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asAdmin.createStaffingRequest(
                coverage(UUID.randomUUID()).reason(null), null)))).contains("memberId:NOT_FOUND", "reason:REQUIRED");

        assertThat(new java.util.TreeMap<String, Object>(allRowCounts())).isEqualTo(rowsBefore);
    }

    @Test
    void anOpenRequestChangesAndIsCancelledOnceAndThenStaysAsItIs() throws ApiException {
        ApiResponse<StaffingRequest> created = asPractice.createStaffingRequestWithHttpInfo(
                shifts(practice.getId(), tuesdayEvening(1)), null);
        UUID id = created.getData().getId();

        ApiResponse<StaffingRequest> patched = asPractice.updateStaffingRequestWithHttpInfo(id, etag(created),
                new StaffingRequestPatch().shifts(List.of(tuesdayEvening(2), tuesdayEvening(3))).notes("Twee avonden"));
        assertThat(patched.getData().getShifts()).hasSize(2);
        assertThat(patched.getData().getNotes()).isEqualTo("Twee avonden");
        assertThat(patched.getData().getMaxTariffCentsPerHour()).isEqualTo(3500L);
        expectProblem(412, () -> asPractice.updateStaffingRequest(id, etag(created),
                new StaffingRequestPatch().notes("Verouderd")));
        assertThat(fields(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.updateStaffingRequest(id,
                etag(patched), new StaffingRequestPatch().shifts(List.of(tuesdayEvening(-1)))))))
                .contains("shifts[0].startsAt:IN_THE_PAST");

        ApiResponse<StaffingRequest> cancelled = asPractice.cancelStaffingRequestWithHttpInfo(id, etag(patched),
                new CancelRequest().reason("Eigen collega kan toch"), null);
        assertThat(cancelled.getData().getStatus()).isEqualTo(StaffingRequestStatus.CANCELLED);
        assertThat(cancelled.getData().getCancellationReason()).isEqualTo("Eigen collega kan toch");
        assertThat(cancelled.getData().getCancelledAt()).isNotNull();
        expectProblem(409, "INVALID_TRANSITION", () -> asPractice.cancelStaffingRequest(id, etag(cancelled),
                new CancelRequest().reason("Nog eens"), null));
        expectProblem(409, "INVALID_TRANSITION", () -> asPractice.updateStaffingRequest(id, etag(cancelled),
                new StaffingRequestPatch().notes("Te laat")));
        List<AuditEvent> events = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)))
                .listAuditEvents("staffing_request", id, null, null, null, null, null).getData();
        assertThat(events).extracting(AuditEvent::getAction).containsExactly("staffing_request.created",
                "staffing_request.updated", "staffing_request.cancelled");
    }

    @Test
    void theExpiryJobExpiresOpenRequestsWhoseStartPassedAndAuditsIt() throws Exception {
        StaffingRequest due = asPractice.createStaffingRequest(shifts(practice.getId(), tuesdayEvening(1)), null);
        StaffingRequest later = asPractice.createStaffingRequest(shifts(practice.getId(), tuesdayEvening(2)), null);
        try (Connection superuser = TestApp.superuserConnection();
             PreparedStatement backdate = superuser.prepareStatement(
                     "UPDATE staffing_request SET starts_at = now() - interval '1 hour' WHERE id = ?")) {
            backdate.setObject(1, due.getId());
            assertThat(backdate.executeUpdate()).isEqualTo(1);
        }

        int expired = ((RegiopoolApplication) TestApp.APP.getApplication()).staffingRequestExpiry().runOnce();

        assertThat(expired).isGreaterThanOrEqualTo(1);
        StaffingRequest after = asPractice.getStaffingRequest(due.getId());
        assertThat(after.getStatus()).isEqualTo(StaffingRequestStatus.EXPIRED);
        assertThat(after.getExpiredAt()).isNotNull();
        assertThat(asPractice.getStaffingRequest(later.getId()).getStatus()).isEqualTo(StaffingRequestStatus.OPEN);
        List<AuditEvent> events = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)))
                .listAuditEvents("staffing_request", due.getId(), "system:staffing-request-expiry", null, null, null,
                        null).getData();
        assertThat(events).extracting(AuditEvent::getAction).containsExactly("staffing_request.expired");
        assertThat(new AuditApi(TestApp.client(TestApp.adminToken(tenant))).verifyAuditChain().getIntact()).isTrue();
    }

    private static List<String> fields(Problem problem) {
        return problem.getErrors().stream().map(error -> error.getField() + ":" + error.getCode()).toList();
    }
}
