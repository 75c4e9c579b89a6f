package nl.regiopool.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.testing.LargeCooperative;
import nl.regiopool.testing.QueryPlans;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page of agreements as of an instant reads a bounded number of buffers however many agreements the cooperative
 * has: with the VAT filter it walks the index of the terms (one agreement in 50 here is VAT-eligible), and a member's
 * page walks both of its sides. Measured on 4,000 agreements, where walking them and their terms reads thousands.
 */
class AgreementPagePlansTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T10:00:00Z");
    private static LargeCooperative coop;

    @BeforeAll
    static void load() throws Exception {
        coop = LargeCooperative.get();
    }

    @Test
    void activeAndVatEligibleAsOfAnInstant() throws Exception {
        assertPageReadsAtMost(AgreementDao.Visibility.ALL, new AgreementDao.Filter(null, null, null, null,
                LoanAgreementStatus.ACTIVE, null, null, null, true), 50, 1_000);
    }

    @Test
    void aMembersPageAsOfAnInstant() throws Exception {
        assertPageReadsAtMost(new AgreementDao.Visibility(coop.members.get(3)), new AgreementDao.Filter(null, null,
                null, null, null, null, null, null, null), 50, 350);
    }

    private static void assertPageReadsAtMost(AgreementDao.Visibility visibility, AgreementDao.Filter filter, int rows,
                                              long buffers) throws Exception {
        QueryPlans.Run<List<AgreementDao.Listed>> run = QueryPlans.run(transactions -> transactions.readInOneRoundTrip(
                coop.tenant, bound -> AgreementDao.list(bound, visibility, filter, AS_OF, true, null, 50)));

        assertThat(run.result()).as("the page and the row after it").hasSize(rows + 1);
        assertThat(run.buffers()).as("buffers the page's statements read: %s", run).isLessThanOrEqualTo(buffers);
    }
}
