package nl.regiopool.agreement;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/**
 * A version of the terms comes into force no earlier than it was made: the asOf list with {@code vatEligible} passes
 * over versions made after the instant without reading them, so the database refuses a version that claims otherwise.
 */
class TermsMadeBeforeInForceTest extends ApiTest {

    @Test
    void theDatabaseRefusesTermsInForceBeforeTheyWereMade() throws ApiException, SQLException {
        UUID tenant = newCooperative();
        UUID lender = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        UUID borrower = newMember(tenant, "Huisartsenpraktijk Het Anker").getId();
        UUID worker = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(lender, "Sanne", "de Vries"), null).getId();
        LoanAgreement draft = new LoanAgreementsApi(TestApp.client(TestApp.adminToken(tenant))).createLoanAgreement(
                new LoanAgreementCreate().lenderMemberId(lender).borrowerMemberId(borrower).workerId(worker)
                        .role(QualificationRole.DOKTERSASSISTENT).startDate(LocalDate.of(2027, 3, 1)).hoursPerWeek(4)
                        .tariffCentsPerHour(3150L).waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT), null);

        try (Connection app = TestApp.applicationConnection()) {
            app.setAutoCommit(false);
            try (PreparedStatement bind = app.prepareStatement("SELECT set_config('regiopool.tenant_id', ?, true)")) {
                bind.setString(1, tenant.toString());
                bind.execute();
            }
            // a draft's terms are not in force yet, so only this check stands in the way
            try (PreparedStatement backdate = app.prepareStatement("UPDATE loan_agreement_version"
                    + " SET in_force_from = created_at - interval '1 second' WHERE agreement_id = ?")) {
                backdate.setObject(1, draft.getId());
                assertThatThrownBy(backdate::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("loan_agreement_version_in_force_after_made");
            }
            app.rollback();
        }
    }
}
