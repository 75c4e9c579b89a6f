package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Pool;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembership;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Worker;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which rows a caller reads is one rule ({@link Caller#memberScope()}) for every concept: a token that holds
 * both {@code member} and {@code auditor} reads what an auditor reads, in agreements, pools and workers alike.
 */
class MemberScopeApiTest extends ApiTest {

    private static final LocalDate START = LocalDate.of(2027, 3, 1);
    /** A membership that has ended: members see those only of their own workers. */
    private static final LocalDate ENDED_FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate ENDED_TO = LocalDate.of(2025, 6, 30);

    private UUID tenant;
    private Member bystander;
    private LoanAgreement othersAgreement;
    private Pool pool;
    private PoolMembership othersMembership;

    @BeforeEach
    void twoMembersLendingWithoutTheBystander() throws ApiException {
        tenant = newCooperative();
        Member lender = newMember(tenant, "Praktijk Uitleen");
        Member borrower = newMember(tenant, "Praktijk Inleen");
        bystander = newMember(tenant, "Praktijk Toeschouwer");
        ApiClient admin = TestApp.client(TestApp.adminToken(tenant));
        Worker worker = new WorkersApi(admin).createWorker(workerCreate(lender.getId(), "Anouk", "Jansen"), null);
        othersAgreement = activeAgreement(tenant, lender.getId(), borrower.getId(), worker.getId(),
                QualificationRole.DOKTERSASSISTENT, START, START.plusMonths(3), 8, "ATW");
        PoolsApi pools = new PoolsApi(admin);
        pool = pools.createPool(new PoolCreate().name("Flexpool"), null);
        othersMembership = pools.createPoolMembership(pool.getId(), new PoolMembershipCreate()
                .workerId(worker.getId()).kind(MembershipKind.FLEX).from(ENDED_FROM).to(ENDED_TO), null);
    }

    private ApiClient bystanderAs(String... roles) {
        return TestApp.client(TestApp.tokens().issue("bystander-" + UUID.randomUUID(), List.of(roles), tenant,
                bystander.getId()));
    }

    @Test
    void aMemberAloneSeesNoneOfOtherMembersAgreements() throws ApiException {
        assertThat(new LoanAgreementsApi(bystanderAs("member"))
                .listLoanAgreements(null, null, null, null, null, null, null, null, null, null).getData()).isEmpty();
    }

    @Test
    void aMemberWhoIsAlsoAuditorSeesEveryAgreement() throws ApiException {
        assertThat(new LoanAgreementsApi(bystanderAs("member", "auditor"))
                .listLoanAgreements(null, null, null, null, null, null, null, null, null, null).getData())
                .extracting(LoanAgreement::getId).containsExactly(othersAgreement.getId());
    }

    @Test
    void aMemberAloneSeesNoneOfOtherMembersEndedPoolMemberships() throws ApiException {
        assertThat(new PoolsApi(bystanderAs("member")).listPoolMemberships(pool.getId(), null, null).getData())
                .isEmpty();
    }

    @Test
    void aMemberWhoIsAlsoAuditorSeesEveryEndedPoolMembership() throws ApiException {
        assertThat(new PoolsApi(bystanderAs("member", "auditor")).listPoolMemberships(pool.getId(), null, null)
                .getData()).extracting(PoolMembership::getId).containsExactly(othersMembership.getId());
    }

    @Test
    void aMemberWhoIsAlsoAuditorSeesWorkersAsAnAuditorDoes() throws ApiException {
        Worker asAuditor = new WorkersApi(TestApp.client(TestApp.auditorToken(tenant)))
                .getWorker(othersAgreement.getWorkerId());
        Worker asBoth = new WorkersApi(bystanderAs("member", "auditor")).getWorker(othersAgreement.getWorkerId());
        assertThat(asBoth).isEqualTo(asAuditor);
    }
}
