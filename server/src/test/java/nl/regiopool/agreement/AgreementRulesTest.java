package nl.regiopool.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.regiopool.agreement.AgreementRules.CooperativeTerms;
import nl.regiopool.agreement.AgreementRules.OtherAgreement;
import nl.regiopool.agreement.AgreementRules.Party;
import nl.regiopool.agreement.AgreementRules.Qualification;
import nl.regiopool.agreement.AgreementRules.Terms;
import nl.regiopool.agreement.AgreementRules.Worker;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.WorkerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgreementRulesTest {

    private static final UUID LENDER = UUID.randomUUID();
    private static final UUID BORROWER = UUID.randomUUID();
    private static final UUID WORKER = UUID.randomUUID();
    private static final LocalDate START = LocalDate.of(2026, 12, 1);

    private static Terms terms(int hours, long tariff) {
        return new Terms(UUID.randomUUID(), LENDER, BORROWER, "DOKTERSASSISTENT", START, null, hours, tariff, 3000);
    }

    private static Worker worker(int contractHours) {
        return new Worker(WORKER, LENDER, WorkerStatus.ACTIVE, contractHours,
                List.of(new Qualification("DOKTERSASSISTENT", null)));
    }

    private static final Party ACTIVE_LENDER = new Party(LENDER, MemberStatus.ACTIVE);
    private static final Party ACTIVE_BORROWER = new Party(BORROWER, MemberStatus.ACTIVE);
    private static final CooperativeTerms AT_COST = new CooperativeTerms(BigDecimal.ZERO, 0);

    private static List<String> codes(List<RuleBreach> breaches) {
        return breaches.stream().map(RuleBreach::code).toList();
    }

    @Test
    void aSoundAgreementBreaksNothing() {
        assertThat(AgreementRules.check(terms(16, 3000), worker(32), ACTIVE_LENDER, ACTIVE_BORROWER, AT_COST, List.of()))
                .isEmpty();
    }

    @Test
    void lenderCannotBeBorrower() {
        Terms self = new Terms(UUID.randomUUID(), LENDER, LENDER, "DOKTERSASSISTENT", START, null, 8, 3000, 3000);
        assertThat(codes(AgreementRules.check(self, worker(32), ACTIVE_LENDER, ACTIVE_LENDER, AT_COST, List.of())))
                .containsExactly("LENDER_IS_BORROWER");
    }

    @Test
    void membersMustBeActive() {
        List<RuleBreach> breaches = AgreementRules.check(terms(8, 3000), worker(32), new Party(LENDER, MemberStatus.SUSPENDED),
                new Party(BORROWER, MemberStatus.LEFT), AT_COST, List.of());
        assertThat(codes(breaches)).containsExactly("MEMBER_NOT_ACTIVE", "MEMBER_NOT_ACTIVE");
        assertThat(breaches.get(1).actual()).isEqualTo("LEFT");
        assertThat(breaches.get(1).entityIds()).containsExactly(BORROWER);
    }

    @Test
    void theWorkerMustBeTheLendersAndActive() {
        Worker elsewhere = new Worker(WORKER, BORROWER, WorkerStatus.INACTIVE, 32, List.of(new Qualification("DOKTERSASSISTENT", null)));
        assertThat(codes(AgreementRules.check(terms(8, 3000), elsewhere, ACTIVE_LENDER, ACTIVE_BORROWER, AT_COST, List.of())))
                .containsExactly("WORKER_NOT_EMPLOYED_BY_LENDER", "WORKER_NOT_ACTIVE");
    }

    @ParameterizedTest(name = "qualification {0} valid until {1}: qualified={2}")
    @CsvSource({
            "DOKTERSASSISTENT, , true",
            "DOKTERSASSISTENT, 2026-12-01, true",
            "DOKTERSASSISTENT, 2026-11-30, false",
            "POH_GGZ, , false"})
    void theRoleNeedsAQualificationValidOnTheStartDate(String role, LocalDate validUntil, boolean qualified) {
        Worker worker = new Worker(WORKER, LENDER, WorkerStatus.ACTIVE, 32, List.of(new Qualification(role, validUntil)));
        assertThat(codes(AgreementRules.check(terms(8, 3000), worker, ACTIVE_LENDER, ACTIVE_BORROWER, AT_COST, List.of())))
                .isEqualTo(qualified ? List.of() : List.of("ROLE_NOT_QUALIFIED"));
    }

    @Test
    void theEndMayNotPrecedeTheStart() {
        Terms backwards = new Terms(UUID.randomUUID(), LENDER, BORROWER, "DOKTERSASSISTENT", START, START.minusDays(1), 8, 3000, 3000);
        Terms oneDay = new Terms(UUID.randomUUID(), LENDER, BORROWER, "DOKTERSASSISTENT", START, START, 8, 3000, 3000);
        assertThat(codes(AgreementRules.check(backwards, worker(32), ACTIVE_LENDER, ACTIVE_BORROWER, AT_COST, List.of())))
                .containsExactly("PERIOD_INVALID");
        assertThat(AgreementRules.check(oneDay, worker(32), ACTIVE_LENDER, ACTIVE_BORROWER, AT_COST, List.of())).isEmpty();
    }

    @ParameterizedTest(name = "cost 3000, margin {0}%, tariff {1}: allowed={2}")
    @CsvSource({
            "0, 3000, true",
            "0, 3001, false",
            "0, 2999, true",
            "2.5, 3075, true",
            "2.5, 3076, false",
            "3.33, 3099, true",
            "3.33, 3100, false"})
    void theTariffIsAtCostPlusTheCooperativesMargin(BigDecimal margin, long tariff, boolean allowed) {
        List<RuleBreach> breaches = AgreementRules.check(terms(8, tariff), worker(32), ACTIVE_LENDER, ACTIVE_BORROWER,
                new CooperativeTerms(margin, 0), List.of());
        assertThat(codes(breaches)).isEqualTo(allowed ? List.of() : List.of("NO_PROFIT_TARIFF"));
        if (!allowed) {
            assertThat(breaches.get(0).actual()).isEqualTo(tariff + " cents/h");
        }
    }

    @ParameterizedTest(name = "contract 32, this {0} + others {1}: breaches {2}")
    @CsvSource({
            "16, 16, ''",
            "16, 17, CONTRACT_HOURS_EXCEEDED",
            "32, 0, ''",
            "33, 0, CONTRACT_HOURS_EXCEEDED"})
    void lentHoursFitTheContract(int hours, int others, String expected) {
        List<OtherAgreement> overlapping = others == 0 ? List.of() : List.of(new OtherAgreement(UUID.randomUUID(), others));
        List<RuleBreach> breaches = AgreementRules.check(terms(hours, 3000), worker(32), ACTIVE_LENDER, ACTIVE_BORROWER,
                AT_COST, overlapping);
        assertThat(codes(breaches)).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
        if (!expected.isEmpty() && others > 0) {
            assertThat(breaches.get(0).entityIds()).containsExactly(overlapping.get(0).id());
        }
    }

    @ParameterizedTest(name = "contract 32, share {0}%, lent {1}: too low={2}")
    @CsvSource({
            "50, 16, false",
            "50, 17, true",
            "0, 32, false",
            "25, 24, false",
            "25, 25, true",
            "100, 1, true"})
    void theLenderKeepsItsHomeShare(int share, int lent, boolean tooLow) {
        List<RuleBreach> breaches = AgreementRules.check(terms(lent, 3000), worker(32), ACTIVE_LENDER, ACTIVE_BORROWER,
                new CooperativeTerms(BigDecimal.ZERO, share), List.of());
        assertThat(codes(breaches).contains("HOME_SHARE_TOO_LOW")).isEqualTo(tooLow);
    }
}
