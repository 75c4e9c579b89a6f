package nl.regiopool.placement;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.SettingsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CompletePlacementRequest;
import nl.regiopool.client.model.ConfirmPlacementRequest;
import nl.regiopool.client.model.CooperativeSettings;
import nl.regiopool.client.model.CooperativeSettingsPatch;
import nl.regiopool.client.model.CostLine;
import nl.regiopool.client.model.CostLineKind;
import nl.regiopool.client.model.DisputePlacementRequest;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.Placement;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.ResolveDisputeRequest;
import nl.regiopool.client.model.Worker;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lender disputes approved hours within the cooperative's disputeDays; an admin resolves with corrected actuals. */
class PlacementDisputeApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);

    private UUID tenant;
    private PlacementsApi admin;
    private Member lender;
    private Member borrower;
    private Member stranger;
    private LoanAgreement agreement;

    @BeforeEach
    void activeAgreement() throws ApiException {
        tenant = newCooperative();
        admin = new PlacementsApi(TestApp.client(TestApp.adminToken(tenant)));
        lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        stranger = newMember(tenant, "Gezondheidscentrum Elders");
        Worker assistant = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(lender.getId(), "Sanne", "Bakker"), null);
        agreement = activeAgreement(tenant, lender.getId(), borrower.getId(), assistant.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
    }

    private PlacementsApi as(Member member) {
        return new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
    }

    private static OffsetDateTime at(LocalDate date, int hour) {
        return date.atTime(LocalTime.of(hour, 0)).atZone(AMSTERDAM).toOffsetDateTime();
    }

    /** A shift 18:00-22:00 completed by the borrower as worked; the response carries its ETag. */
    private ApiResponse<Placement> completedEveningShift() throws ApiException {
        Placement planned = as(borrower).createPlacement(new PlacementCreate().agreementId(agreement.getId())
                .startsAt(at(WEDNESDAY, 18)).endsAt(at(WEDNESDAY, 22)).breakMinutes(0), null);
        ApiResponse<Placement> confirmed = as(lender).confirmPlacementWithHttpInfo(planned.getId(), "*", null,
                new ConfirmPlacementRequest());
        return as(borrower).completePlacementWithHttpInfo(planned.getId(), etag(confirmed),
                new CompletePlacementRequest().actualStartsAt(at(WEDNESDAY, 18)).actualEndsAt(at(WEDNESDAY, 22))
                        .breakMinutes(0), null);
    }

    private static DisputePlacementRequest dispute() {
        return new DisputePlacementRequest().reason("She left at 21:00, not 22:00.");
    }

    @Test
    void theLenderDisputesAndAnAdminResolvesWithCorrectedActualsBothVersionsAudited() throws ApiException {
        ApiResponse<Placement> completed = completedEveningShift();
        UUID id = completed.getData().getId();
        assertThat(completed.getData().getDispute()).isNull();

        ApiResponse<Placement> disputed = as(lender).disputePlacementWithHttpInfo(id, etag(completed), dispute(), null);
        assertThat(disputed.getData().getDispute()).satisfies(d -> {
            assertThat(d.getReason()).isEqualTo("She left at 21:00, not 22:00.");
            assertThat(d.getDisputedAt()).isNotNull();
            assertThat(d.getResolvedAt()).isNull();
        });

        ApiResponse<Placement> resolved = admin.resolvePlacementDisputeWithHttpInfo(id, etag(disputed),
                new ResolveDisputeRequest().actualStartsAt(at(WEDNESDAY, 18)).actualEndsAt(at(WEDNESDAY, 21))
                        .breakMinutes(0).note("Checked against the time clock."), null);
        Placement after = resolved.getData();
        assertThat(after.getActualEndsAt()).isEqualTo(at(WEDNESDAY, 21));
        assertThat(after.getDispute().getResolvedAt()).isNotNull();
        assertThat(after.getDispute().getResolutionNote()).isEqualTo("Checked against the time clock.");
        // 3 h at 31.50 = 94.50, 1 h after 20:00 at 30% = 9.45
        assertThat(after.getCostLines()).extracting(CostLine::getKind, CostLine::getAmountCents).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CostLineKind.BASE, 9_450L),
                org.assertj.core.groups.Tuple.tuple(CostLineKind.SURCHARGE, 945L));

        List<AuditEvent> events = new AuditApi(TestApp.client(TestApp.adminToken(tenant)))
                .listAuditEvents("placement", id, null, null, null, null, null).getData();
        assertThat(events).extracting(AuditEvent::getAction).containsExactly("placement.created", "placement.confirmed",
                "placement.completed", "placement.disputed", "placement.dispute_resolved");
        AuditEvent resolution = events.get(4);
        assertThat(OffsetDateTime.parse(((Map<?, ?>) resolution.getBefore()).get("actualEndsAt").toString()))
                .isAtSameInstantAs(at(WEDNESDAY, 22));
        assertThat(OffsetDateTime.parse(((Map<?, ?>) resolution.getAfter()).get("actualEndsAt").toString()))
                .isAtSameInstantAs(at(WEDNESDAY, 21));

        expectProblem(409, "NOT_DISPUTED", () -> admin.resolvePlacementDispute(id, etag(resolved),
                new ResolveDisputeRequest().actualStartsAt(at(WEDNESDAY, 18)).actualEndsAt(at(WEDNESDAY, 20))
                        .breakMinutes(0), null));
        expectProblem(409, "ALREADY_DISPUTED", () -> as(lender).disputePlacement(id, etag(resolved), dispute(), null));
    }

    @Test
    void onlyTheLenderDisputesOnlyCompletedHoursOnlyOnceAndNothingIsWrittenOnARefusal() throws ApiException {
        Placement planned = as(borrower).createPlacement(new PlacementCreate().agreementId(agreement.getId())
                .startsAt(at(WEDNESDAY, 9)).endsAt(at(WEDNESDAY, 12)).breakMinutes(0), null);
        expectProblem(409, "INVALID_TRANSITION", () -> as(lender).disputePlacement(planned.getId(), "*", dispute(), null));

        ApiResponse<Placement> completed = completedEveningShift();
        UUID id = completed.getData().getId();
        expectProblem(403, "FORBIDDEN", () -> as(borrower).disputePlacement(id, etag(completed), dispute(), null));
        expectProblem(404, "NOT_FOUND", () -> as(stranger).disputePlacement(id, etag(completed), dispute(), null));
        expectProblem(422, () -> as(lender).disputePlacement(id, etag(completed),
                new DisputePlacementRequest().reason("   "), null));
        expectProblem(412, () -> as(lender).disputePlacement(id, "\"1\"", dispute(), null));
        expectProblem(403, "FORBIDDEN", () -> as(lender).resolvePlacementDispute(id, etag(completed),
                new ResolveDisputeRequest().actualStartsAt(at(WEDNESDAY, 18)).actualEndsAt(at(WEDNESDAY, 21))
                        .breakMinutes(0), null));
        expectProblem(409, "NOT_DISPUTED", () -> admin.resolvePlacementDispute(id, etag(completed),
                new ResolveDisputeRequest().actualStartsAt(at(WEDNESDAY, 18)).actualEndsAt(at(WEDNESDAY, 21))
                        .breakMinutes(0), null));
        ApiResponse<Placement> unchanged = admin.getPlacementWithHttpInfo(id);
        assertThat(etag(unchanged)).isEqualTo(etag(completed));
        assertThat(unchanged.getData().getDispute()).isNull();

        ApiResponse<Placement> disputed = as(lender).disputePlacementWithHttpInfo(id, etag(completed), dispute(), null);
        expectProblem(409, "ALREADY_DISPUTED", () -> as(lender).disputePlacement(id, etag(disputed), dispute(), null));
        expectProblem(422, () -> admin.resolvePlacementDispute(id, etag(disputed),
                new ResolveDisputeRequest().actualStartsAt(at(WEDNESDAY, 21)).actualEndsAt(at(WEDNESDAY, 18))
                        .breakMinutes(0), null));
        OffsetDateTime future = OffsetDateTime.now().plusDays(2);
        expectProblem(422, () -> admin.resolvePlacementDispute(id, etag(disputed),
                new ResolveDisputeRequest().actualStartsAt(future).actualEndsAt(future.plusHours(2)).breakMinutes(0), null));
        assertThat(etag(admin.getPlacementWithHttpInfo(id))).isEqualTo(etag(disputed));
    }

    @Test
    void theDisputeWindowIsTheCooperativesDisputeDays() throws Exception {
        SettingsApi settings = new SettingsApi(TestApp.client(TestApp.adminToken(tenant)));
        ApiResponse<CooperativeSettings> defaults = settings.getSettingsWithHttpInfo();
        assertThat(defaults.getData().getDisputeDays()).isEqualTo(7);
        assertThat(settings.updateSettings(etag(defaults), new CooperativeSettingsPatch().disputeDays(2)).getDisputeDays())
                .isEqualTo(2);
        expectProblem(422, () -> settings.updateSettings("*", new CooperativeSettingsPatch().disputeDays(0)));

        ApiResponse<Placement> completed = completedEveningShift();
        UUID id = completed.getData().getId();
        approvedDaysAgo(id, 3);
        expectProblem(409, "DISPUTE_WINDOW_CLOSED", () -> as(lender).disputePlacement(id, "*", dispute(), null));
        approvedDaysAgo(id, 1);
        assertThat(admin.disputePlacement(id, "*", dispute(), null).getDispute())
                .as("an admin may dispute for the lender").isNotNull();
    }

    /** Moves the approval back in time, as the superuser: the clock cannot be. */
    private static void approvedDaysAgo(UUID placementId, int days) throws Exception {
        try (Connection connection = TestApp.superuserConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE placement SET completed_at = now() - make_interval(days => ?) WHERE id = ?")) {
            update.setInt(1, days);
            update.setObject(2, placementId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
