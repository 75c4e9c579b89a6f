package nl.regiopool.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.model.ApprovalRequest;
import nl.regiopool.client.model.ApprovalSide;
import nl.regiopool.client.model.ConsentMethod;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.model.ProposeRequest;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.client.model.WorkerConsentRequest;
import nl.regiopool.client.api.CooperativesApi;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.model.CooperativeCreate;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MemberCreate;
import nl.regiopool.client.model.ContractType;
import nl.regiopool.client.model.Qualification;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Sector;
import nl.regiopool.client.model.WorkerCreate;
import org.junit.jupiter.api.AfterEach;

/** Base of API tests: the shared app, fixtures made through the SDK, and the spec check after each test. */
public abstract class ApiTest {

    public static final String VALID_IBAN = "NL91ABNA0417164300";
    private static final AtomicInteger KVK = new AtomicInteger(10_000_000 + (int) (Math.random() * 1_000_000));

    static {
        TestApp.baseUri();
    }

    @AfterEach
    void responsesMatchTheSpec() {
        assertThat(SpecConformance.drainMismatches()).as("responses that do not match openapi.yaml").isEmpty();
    }

    protected static UUID newCooperative() throws ApiException {
        String slug = "coop-" + UUID.randomUUID().toString().substring(0, 8);
        return new CooperativesApi(TestApp.client(TestApp.operatorToken()))
                .createCooperative(new CooperativeCreate().name("Zorgpool " + slug).slug(slug).region("Achterhoek"), null)
                .getId();
    }

    protected static String nextKvk() {
        return Integer.toString(KVK.incrementAndGet());
    }

    protected static MemberCreate memberCreate(String name) {
        return new MemberCreate().name(name).kvkNumber(nextKvk()).sector(Sector.GP_PRACTICE)
                .postcode("7001 AB").iban(VALID_IBAN);
    }

    protected static Member newMember(UUID tenant, String name) throws ApiException {
        return new MembersApi(TestApp.client(TestApp.adminToken(tenant))).createMember(memberCreate(name), null);
    }

    /** A valid worker of the employer: an assistant on an indefinite 24-hour contract. */
    protected static WorkerCreate workerCreate(UUID employerMemberId, String givenName, String familyName) {
        return new WorkerCreate().givenName(givenName).familyName(familyName).employerMemberId(employerMemberId)
                .email(givenName.toLowerCase() + "@example.nl").phone("+31 6 12345678")
                .addQualificationsItem(new Qualification().role(QualificationRole.DOKTERSASSISTENT))
                .contractHoursPerWeek(24).contractType(ContractType.INDEFINITE).hourlyCostCents(3150)
                .postcode("7001 AB");
    }

    /**
     * An ACTIVE agreement made through the SDK as a coop_admin: drafted (lender = the worker's employer, tariff at
     * the {@link #workerCreate} cost price), proposed, approved by both sides, with the worker's consent.
     */
    protected static LoanAgreement activeAgreement(UUID tenant, UUID lender, UUID borrower, UUID worker,
                                                   QualificationRole role, LocalDate start, LocalDate end,
                                                   int hoursPerWeek, String caoRuleSetCode) throws ApiException {
        LoanAgreementsApi api = new LoanAgreementsApi(TestApp.client(TestApp.adminToken(tenant)));
        ApiResponse<LoanAgreement> response = api.createLoanAgreementWithHttpInfo(new LoanAgreementCreate()
                .lenderMemberId(lender).borrowerMemberId(borrower).workerId(worker).role(role).startDate(start)
                .endDate(end).hoursPerWeek(hoursPerWeek).tariffCentsPerHour(3150L).caoRuleSetCode(caoRuleSetCode)
                .waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT), null);
        UUID id = response.getData().getId();
        response = api.proposeLoanAgreementWithHttpInfo(id, etag(response), null, new ProposeRequest());
        response = api.approveLoanAgreementWithHttpInfo(id, etag(response),
                new ApprovalRequest().side(ApprovalSide.LENDER), null);
        response = api.approveLoanAgreementWithHttpInfo(id, etag(response),
                new ApprovalRequest().side(ApprovalSide.BORROWER), null);
        response = api.recordWorkerConsentWithHttpInfo(id, etag(response), new WorkerConsentRequest().consentedOn(start)
                .method(ConsentMethod.SIGNED_FORM), null);
        assertThat(response.getData().getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
        return response.getData();
    }

    /** The ETag of an SDK response, for the next If-Match. */
    protected static String etag(ApiResponse<?> response) {
        return response.getHeaders().get("etag").get(0);
    }

    /** Rows in every table of the schema, counted as the superuser (past row-level security). */
    protected static java.util.Map<String, Long> allRowCounts() {
        try {
            return RowCounts.ofEveryTable();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows in a table (or {@code "table WHERE …"}), counted as the superuser (past row-level security). */
    protected static long rowCount(String table) {
        try {
            return RowCounts.of(table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One of several calls made at once; {@code index} tells them apart. */
    protected interface ConcurrentCall {
        void run(int index) throws ApiException;
    }

    /** Makes {@code count} calls at once, one thread each, and returns their HTTP statuses (200 for success). */
    protected static java.util.List<Integer> concurrentStatuses(int count, ConcurrentCall call) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                outcomes.add(threads.submit(() -> {
                    try {
                        call.run(index);
                        return 200;
                    } catch (ApiException e) {
                        return e.getCode();
                    }
                }));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }
}
