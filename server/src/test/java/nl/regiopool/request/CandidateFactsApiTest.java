package nl.regiopool.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.Candidate;
import nl.regiopool.client.model.CandidateList;
import nl.regiopool.client.model.CandidateReason;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/**
 * The facts the ranking reads from the database, on a varied pool: which placements count as worked here and as
 * hours lent this month, which agreement counts as covering the request, and which pool limit applies.
 */
class CandidateFactsApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private UUID tenant;
    private String admin;

    @Test
    void eachReasonCountsOnlyTheRowsItIsAbout() throws Exception {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        Member practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        Member lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        Member elsewhere = newMember(tenant, "Huisartsenpraktijk De Eik");
        UUID open = pool("Flexpool");
        UUID fewHours = pool("Invallers kort");
        UUID someHours = pool("Invallers avond");
        LocalDate today = LocalDate.now(AMSTERDAM);
        LocalDate monthStart = today.withDayOfMonth(1);

        UUID anna = worker(lender, "Anna");
        member(open, anna, null);
        member(fewHours, anna, 2);
        UUID annaHere = activeAgreement(tenant, lender.getId(), practice.getId(), anna,
                QualificationRole.DOKTERSASSISTENT, today, today.plusMonths(6), 8, null).getId();
        for (int week = 20; week <= 22; week++) {
            placement(annaHere, anna, practice, lender, today.minusWeeks(week), "COMPLETED");
        }
        placement(annaHere, anna, practice, lender, today.minusWeeks(23), "CANCELLED");
        placement(annaHere, anna, practice, lender, today.minusWeeks(24), "NO_SHOW");
        placement(annaHere, anna, practice, lender, today.plusWeeks(8), "PLANNED");

        UUID bram = worker(lender, "Bram");
        member(fewHours, bram, 2);
        member(someHours, bram, 5);
        UUID bramHere = activeAgreement(tenant, lender.getId(), practice.getId(), bram,
                QualificationRole.DOKTERSASSISTENT, today, CandidatesApiTest.tuesday(1), 8, null).getId();
        placement(bramHere, bram, practice, lender, today.plusWeeks(9), "CONFIRMED");

        UUID cor = worker(lender, "Cor");
        member(open, cor, null);
        UUID corElsewhere = activeAgreement(tenant, lender.getId(), elsewhere.getId(), cor,
                QualificationRole.DOKTERSASSISTENT, today, today.plusMonths(6), 8, null).getId();
        placement(corElsewhere, cor, elsewhere, lender, monthStart.minusDays(1), "COMPLETED");
        placement(corElsewhere, cor, elsewhere, lender, monthStart.minusDays(3), "COMPLETED");
        placement(corElsewhere, cor, elsewhere, lender, monthStart, "COMPLETED");
        placement(corElsewhere, cor, elsewhere, lender, monthStart.plusMonths(1).minusDays(1), "CONFIRMED");
        placement(corElsewhere, cor, elsewhere, lender, monthStart.plusDays(1), "CANCELLED");
        placement(corElsewhere, cor, elsewhere, lender, monthStart.plusDays(2), "NO_SHOW");
        homeShift(cor, lender, monthStart.plusDays(3));
        placement(corElsewhere, cor, elsewhere, lender, monthStart.plusMonths(1), "CONFIRMED");

        UUID eva = worker(lender, "Eva");
        member(fewHours, eva, 2);
        member(someHours, eva, 4);

        UUID dirk = worker(practice, "Dirk");
        member(open, dirk, null);

        StaffingRequest request = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant,
                practice.getId()))).createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(CandidatesApiTest.evening(1), CandidatesApiTest.evening(2),
                        CandidatesApiTest.evening(3))), null);

        CandidateList all = new StaffingRequestsApi(TestApp.client(admin)).listStaffingRequestCandidates(
                request.getId(), true, null, null);

        assertThat(all.getData()).extracting(Candidate::getWorkerId).containsExactlyInAnyOrder(anna, bram, cor, eva)
                .doesNotContain(dirk);
        assertThat(reasons(all, anna)).isEqualTo(Map.of("HAS_ACTIVE_AGREEMENT", "1", "WORKED_HERE_BEFORE", "3",
                "HOURS_LENT_THIS_MONTH", "0"));
        assertThat(reasons(all, bram)).isEqualTo(Map.of("WORKED_HERE_BEFORE", "1", "HOURS_LENT_THIS_MONTH", "0"));
        assertThat(reasons(all, cor)).isEqualTo(Map.of("HOURS_LENT_THIS_MONTH", "16"));
        assertThat(score(all, cor)).isEqualTo(-16);
        assertThat(reasons(all, eva)).isEqualTo(Map.of("HOURS_LENT_THIS_MONTH", "0"));
        assertThat(blockers(all, anna)).doesNotContain("POOL_MAX_HOURS_PER_WEEK");
        assertThat(blockers(all, bram)).doesNotContain("POOL_MAX_HOURS_PER_WEEK");
        assertThat(blockers(all, eva)).containsExactly("POOL_MAX_HOURS_PER_WEEK");
    }

    private UUID pool(String name) throws ApiException {
        return new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name(name)
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
    }

    private UUID worker(Member employer, String name) throws ApiException {
        return new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(employer.getId(), name, "Jansen"), null)
                .getId();
    }

    private void member(UUID pool, UUID worker, Integer maxHoursPerWeek) throws ApiException {
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(worker)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)).maxHoursPerWeek(maxHoursPerWeek),
                null);
    }

    /** 08:00-16:30 local with 30 minutes' break (8 worked hours) on the day, written as the data would be. */
    private void placement(UUID agreement, UUID worker, Member borrower, Member employer, LocalDate day, String status)
            throws SQLException {
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(8, 0), AMSTERDAM);
        try (Connection superuser = TestApp.superuserConnection();
             PreparedStatement insert = superuser.prepareStatement("""
                     INSERT INTO placement (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id,
                         employer_member_id, role, starts_at, ends_at, break_minutes, status, confirmed_at,
                         actual_starts_at, actual_ends_at, actual_break_minutes, completed_at, completed_by,
                         cancelled_at, cancelled_by, no_show_at)
                     SELECT ?, gen_random_uuid(), 'SHIFT', ?, ?, ?, ?, 'DOKTERSASSISTENT', s, e, 30, ?::text,
                            CASE WHEN ?::text <> 'PLANNED' THEN s - interval '7 days' END,
                            CASE WHEN ?::text = 'COMPLETED' THEN s END, CASE WHEN ?::text = 'COMPLETED' THEN e END,
                            CASE WHEN ?::text = 'COMPLETED' THEN 30 END, CASE WHEN ?::text = 'COMPLETED' THEN e END,
                            CASE WHEN ?::text = 'COMPLETED' THEN 'test' END,
                            CASE WHEN ?::text = 'CANCELLED' THEN s - interval '1 day' END,
                            CASE WHEN ?::text = 'CANCELLED' THEN 'test' END,
                            CASE WHEN ?::text = 'NO_SHOW' THEN e END
                     FROM (SELECT ?::timestamptz AS s, ?::timestamptz AS e) t""")) {
            int i = 0;
            insert.setObject(++i, tenant);
            insert.setObject(++i, agreement);
            insert.setObject(++i, worker);
            insert.setObject(++i, borrower.getId());
            insert.setObject(++i, employer.getId());
            for (int n = 0; n < 10; n++) {
                insert.setString(++i, status);
            }
            insert.setObject(++i, start.toOffsetDateTime());
            insert.setObject(++i, start.plusMinutes(510).toOffsetDateTime());
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private void homeShift(UUID worker, Member employer, LocalDate day) throws SQLException {
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(8, 0), AMSTERDAM);
        try (Connection superuser = TestApp.superuserConnection();
             PreparedStatement insert = superuser.prepareStatement("""
                     INSERT INTO placement (tenant_id, id, kind, worker_id, borrower_member_id, employer_member_id,
                         external_id, starts_at, ends_at, break_minutes, status)
                     VALUES (?, gen_random_uuid(), 'HOME_SHIFT', ?, ?, ?, 'rooster-1', ?, ?, 30, 'CONFIRMED')""")) {
            insert.setObject(1, tenant);
            insert.setObject(2, worker);
            insert.setObject(3, employer.getId());
            insert.setObject(4, employer.getId());
            insert.setObject(5, start.toOffsetDateTime());
            insert.setObject(6, start.plusMinutes(510).toOffsetDateTime());
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static Candidate candidate(CandidateList list, UUID worker) {
        return list.getData().stream().filter(c -> c.getWorkerId().equals(worker)).findFirst().orElseThrow();
    }

    private static Map<String, String> reasons(CandidateList list, UUID worker) {
        return new TreeMap<>(candidate(list, worker).getReasons().stream().collect(Collectors.toMap(
                reason -> reason.getCode().toString(), reason -> plain(reason))));
    }

    private static String plain(CandidateReason reason) {
        BigDecimal value = reason.getValue();
        return value.stripTrailingZeros().toPlainString();
    }

    private static int score(CandidateList list, UUID worker) {
        return candidate(list, worker).getScore();
    }

    private static List<String> blockers(CandidateList list, UUID worker) {
        return candidate(list, worker).getBlockers().stream().map(b -> b.getCode()).toList();
    }
}
