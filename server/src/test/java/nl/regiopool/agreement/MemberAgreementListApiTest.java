package nl.regiopool.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.model.LoanAgreementList;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's list of agreements (and anyone's list with {@code memberId}) holds the agreements it lends and those it
 * borrows, merged in id order: the server walks the two sides separately, so pages, cursors and filters must come
 * out exactly as one list filtered by party would.
 */
class MemberAgreementListApiTest extends ApiTest {

    private static final LocalDate START = LocalDate.of(2027, 3, 1);

    private UUID tenant;
    private UUID a;
    private UUID b;
    private UUID c;
    private LoanAgreementsApi admin;
    private OffsetDateTime beforeActivation;

    @BeforeEach
    void agreementsBetweenThreeMembersOnBothSides() throws ApiException {
        tenant = newCooperative();
        a = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        b = newMember(tenant, "Huisartsenpraktijk Het Anker").getId();
        c = newMember(tenant, "Gezondheidscentrum De Brink").getId();
        WorkersApi workers = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        Map<UUID, UUID> workerOf = Map.of(
                a, workers.createWorker(workerCreate(a, "Sanne", "de Vries"), null).getId(),
                b, workers.createWorker(workerCreate(b, "Fatima", "El Amrani"), null).getId(),
                c, workers.createWorker(workerCreate(c, "Joost", "Bakker"), null).getId());
        admin = new LoanAgreementsApi(TestApp.client(TestApp.adminToken(tenant)));

        // made in turn so that each member's lent and borrowed agreements interleave in id order
        UUID[][] pairs = {{a, b}, {b, a}, {c, b}, {a, c}, {b, c}, {c, a}, {a, b}, {b, a}, {c, a}, {a, c}};
        for (UUID[] pair : pairs) {
            admin.createLoanAgreement(new LoanAgreementCreate().lenderMemberId(pair[0]).borrowerMemberId(pair[1])
                    .workerId(workerOf.get(pair[0])).role(QualificationRole.DOKTERSASSISTENT).startDate(START)
                    .hoursPerWeek(4).tariffCentsPerHour(3150L).waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT), null);
        }
        beforeActivation = OffsetDateTime.now();
        activeAgreement(tenant, b, a, workerOf.get(b), QualificationRole.DOKTERSASSISTENT, START, null, 4, null);
        activeAgreement(tenant, a, c, workerOf.get(a), QualificationRole.DOKTERSASSISTENT, START, null, 4, null);
    }

    @Test
    void aMemberPagesThroughEveryAgreementItLendsOrBorrowsInIdOrder() throws ApiException {
        List<LoanAgreement> all = every(admin, null, null, null, null, 50);
        assertThat(all).hasSize(12);
        for (UUID member : List.of(a, b, c)) {
            LoanAgreementsApi asMember = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, member)));
            List<UUID> expected = ids(all, party(member));
            assertThat(expected).hasSizeGreaterThan(4);
            for (int limit : new int[] {1, 2, 3, 50}) {
                assertThat(ids(every(asMember, null, null, null, null, limit), agreement -> true))
                        .as("member %s, pages of %d", member, limit).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void theMemberIdFilterSelectsTheSameAgreementsForAnAdmin() throws ApiException {
        List<LoanAgreement> all = every(admin, null, null, null, null, 50);
        for (UUID member : List.of(a, b, c)) {
            assertThat(ids(every(admin, member, null, null, null, 2), agreement -> true))
                    .as("memberId=%s", member).containsExactlyElementsOf(ids(all, party(member)));
        }
    }

    @Test
    void aMemberFilteringByAnotherMemberSeesOnlyTheAgreementsBetweenThem() throws ApiException {
        List<LoanAgreement> all = every(admin, null, null, null, null, 50);
        LoanAgreementsApi asA = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, a)));

        assertThat(ids(every(asA, b, null, null, null, 2), agreement -> true))
                .containsExactlyElementsOf(ids(all, party(a).and(party(b))));
        assertThat(ids(every(asA, a, null, null, null, 2), agreement -> true))
                .containsExactlyElementsOf(ids(all, party(a)));
    }

    @Test
    void statusAsOfAndTermsFiltersApplyToBothSides() throws ApiException {
        LoanAgreementsApi asA = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, a)));
        List<LoanAgreement> ofA = every(asA, null, null, null, null, 50);
        List<LoanAgreement> ofAThen = every(asA, null, null, null, beforeActivation, 50);

        assertThat(ids(every(asA, null, LoanAgreementStatus.ACTIVE, null, null, 1), agreement -> true))
                .hasSize(2).containsExactlyElementsOf(ids(ofA, status(LoanAgreementStatus.ACTIVE)));
        assertThat(ids(every(asA, null, LoanAgreementStatus.DRAFT, null, beforeActivation, 1), agreement -> true))
                .containsExactlyElementsOf(ids(ofAThen, status(LoanAgreementStatus.DRAFT)))
                .hasSize(ids(ofA, party(a)).size() - 2);
        assertThat(ids(every(asA, null, LoanAgreementStatus.ACTIVE, null, beforeActivation, 1), agreement -> true))
                .isEmpty();
        for (boolean eligible : new boolean[] {true, false}) {
            assertThat(ids(every(asA, null, null, eligible, null, 1), agreement -> true)).as("vatEligible=%s", eligible)
                    .containsExactlyElementsOf(ids(ofA, agreement ->
                            agreement.getTerms().getVatExemption().getEligible() == eligible));
        }
    }

    private static Predicate<LoanAgreement> party(UUID member) {
        return agreement -> agreement.getLenderMemberId().equals(member) || agreement.getBorrowerMemberId().equals(member);
    }

    private static Predicate<LoanAgreement> status(LoanAgreementStatus status) {
        return agreement -> agreement.getStatus() == status;
    }

    private static List<UUID> ids(List<LoanAgreement> agreements, Predicate<LoanAgreement> kept) {
        return agreements.stream().filter(kept).map(LoanAgreement::getId).toList();
    }

    /** Every page of the list, in the order served. */
    private static List<LoanAgreement> every(LoanAgreementsApi api, UUID memberId, LoanAgreementStatus status,
                                             Boolean vatEligible, OffsetDateTime asOf, int limit) throws ApiException {
        List<LoanAgreement> all = new ArrayList<>();
        String cursor = null;
        do {
            LoanAgreementList page = api.listLoanAgreements(memberId, null, status, null, null, null, vatEligible, asOf,
                    limit, cursor);
            assertThat(page.getData()).hasSizeLessThanOrEqualTo(limit);
            all.addAll(page.getData());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return all;
    }
}
