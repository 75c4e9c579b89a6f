package nl.regiopool.request;

import static nl.regiopool.request.CandidatesApiTest.evening;
import static nl.regiopool.request.CandidatesApiTest.tuesday;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsReplace;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.OpenShift;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/** The open-shift board: only the requests of the worker's own cooperative and pools that the worker may take. */
class OpenShiftsApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** A cooperative with a pool, a lending member and a requesting practice. */
    private record Cooperative(UUID tenant, String admin, Member practice, Member lender, UUID pool) {

        UUID pooledWorker(String name) throws ApiException {
            UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(lender.getId(), name,
                    "Jansen"), null).getId();
            new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(worker)
                    .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
            return worker;
        }

        StaffingRequest threeTuesdayEvenings() throws ApiException {
            return new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())))
                    .createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                            .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                            .shifts(List.of(evening(1), evening(2), evening(3))).locationPostcode("7002 CD"), null);
        }

        List<OpenShift> openShiftsOf(UUID worker) throws ApiException {
            return new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, worker))).listOpenShifts()
                    .getData();
        }
    }

    private Cooperative cooperative() throws ApiException {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        Member practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        Member lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        UUID pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        return new Cooperative(tenant, admin, practice, lender, pool);
    }

    @Test
    void aWorkerSeesTheOpenShiftsSheMayTakeAndNothingElse() throws Exception {
        Cooperative here = cooperative();
        UUID sanne = here.pooledWorker("Sanne");
        UUID fleur = here.pooledWorker("Fleur");
        new PlacementsApi(TestApp.client(here.admin())).replaceHomeShifts(fleur,
                tuesday(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(),
                tuesday(1).plusDays(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(), "*",
                new HomeShiftsReplace().shifts(List.of(new HomeShiftInput().externalId("rooster-1")
                        .startsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(7, 0), AMSTERDAM).toOffsetDateTime())
                        .endsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(17, 0), AMSTERDAM).toOffsetDateTime())
                        .breakMinutes(30))));
        StaffingRequest request = here.threeTuesdayEvenings();
        Cooperative elsewhere = cooperative();
        UUID other = elsewhere.pooledWorker("Eva");
        StaffingRequest otherRequest = elsewhere.threeTuesdayEvenings();

        assertThat(here.openShiftsOf(sanne)).singleElement().satisfies(open -> {
            assertThat(open.getStaffingRequestId()).isEqualTo(request.getId());
            assertThat(open.getMemberId()).isEqualTo(here.practice().getId());
            assertThat(open.getMemberName()).isEqualTo("Huisartsenpraktijk Het Anker");
            assertThat(open.getShifts()).extracting(shift -> shift.getId())
                    .containsExactlyElementsOf(request.getShifts().stream().map(shift -> shift.getId()).toList());
        });
        assertThat(here.openShiftsOf(fleur)).as("blocked by the daily rest after her home shift").isEmpty();
        assertThat(elsewhere.openShiftsOf(other)).extracting(OpenShift::getStaffingRequestId)
                .containsExactly(otherRequest.getId());
    }
}
