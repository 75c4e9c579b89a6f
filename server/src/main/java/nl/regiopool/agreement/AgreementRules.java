package nl.regiopool.agreement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.WorkerStatus;

/**
 * The rules a loan agreement must satisfy before it is proposed, approved or amended. Pure: values in,
 * breaches out, no database.
 *
 * <ul>
 *   <li>{@code LENDER_IS_BORROWER}: a member cannot lend to itself.</li>
 *   <li>{@code MEMBER_NOT_ACTIVE}: lender and borrower are ACTIVE members.</li>
 *   <li>{@code WORKER_NOT_EMPLOYED_BY_LENDER}, {@code WORKER_NOT_ACTIVE}: the lender employs the worker, who is ACTIVE.</li>
 *   <li>{@code ROLE_NOT_QUALIFIED}: the worker holds a qualification for the role that is valid on the start
 *       date (no {@code validUntil}, or {@code validUntil} on or after the start date).</li>
 *   <li>{@code PERIOD_INVALID}: the end date, when there is one, is not before the start date.</li>
 *   <li>{@code NO_PROFIT_TARIFF}: lending between members is lending at cost; the tariff may not exceed the
 *       cost price × (1 + marginPercent / 100), rounded down to whole cents.</li>
 *   <li>{@code CONTRACT_HOURS_EXCEEDED}: the hours of this agreement plus those of the worker's other
 *       agreements whose periods overlap it stay within the worker's contract hours.</li>
 *   <li>{@code HOME_SHARE_TOO_LOW}: the lender keeps at least minHomeEmployerSharePercent of the contract
 *       hours, so lent hours ≤ contract hours × (100 − share) / 100.</li>
 * </ul>
 */
public final class AgreementRules {

    /** The terms of the agreement being checked. {@code endDate} null means indefinite. */
    public record Terms(UUID agreementId, UUID lenderMemberId, UUID borrowerMemberId, String role, LocalDate startDate,
                        LocalDate endDate, int hoursPerWeek, long tariffCentsPerHour, long costPriceCentsPerHour) {
    }

    public record Qualification(String role, LocalDate validUntil) {
    }

    public record Worker(UUID id, UUID employerMemberId, WorkerStatus status, int contractHoursPerWeek,
                         List<Qualification> qualifications) {
    }

    public record Party(UUID memberId, MemberStatus status) {
    }

    /** Another agreement of the same worker whose period overlaps this one's and that still counts. */
    public record OtherAgreement(UUID id, int hoursPerWeek) {
    }

    public record CooperativeTerms(BigDecimal marginPercent, int minHomeEmployerSharePercent) {
    }

    private AgreementRules() {
    }

    public static List<RuleBreach> check(Terms terms, Worker worker, Party lender, Party borrower,
                                         CooperativeTerms cooperative, List<OtherAgreement> overlapping) {
        List<RuleBreach> breaches = new ArrayList<>();
        if (terms.lenderMemberId().equals(terms.borrowerMemberId())) {
            breaches.add(RuleBreach.of("LENDER_IS_BORROWER", "A member cannot lend a worker to itself.",
                    terms.lenderMemberId()));
        }
        for (Party party : List.of(lender, borrower)) {
            if (party.status() != MemberStatus.ACTIVE) {
                breaches.add(new RuleBreach("MEMBER_NOT_ACTIVE", "Both members must be ACTIVE.",
                        MemberStatus.ACTIVE.toString(), party.status().toString(), List.of(party.memberId())));
            }
        }
        if (!worker.employerMemberId().equals(terms.lenderMemberId())) {
            breaches.add(RuleBreach.of("WORKER_NOT_EMPLOYED_BY_LENDER", "The lender must be the worker's employer.",
                    worker.id(), terms.lenderMemberId()));
        }
        if (worker.status() != WorkerStatus.ACTIVE) {
            breaches.add(new RuleBreach("WORKER_NOT_ACTIVE", "Only an ACTIVE worker can be lent.",
                    WorkerStatus.ACTIVE.toString(), worker.status().toString(), List.of(worker.id())));
        }
        boolean qualified = worker.qualifications().stream().anyMatch(q -> q.role().equals(terms.role())
                && (q.validUntil() == null || !q.validUntil().isBefore(terms.startDate())));
        if (!qualified) {
            breaches.add(RuleBreach.of("ROLE_NOT_QUALIFIED",
                    "The worker holds no qualification for " + terms.role() + " valid on " + terms.startDate() + ".",
                    worker.id()));
        }
        if (terms.endDate() != null && terms.endDate().isBefore(terms.startDate())) {
            breaches.add(new RuleBreach("PERIOD_INVALID", "The end date lies before the start date.",
                    "endDate ≥ " + terms.startDate(), terms.endDate().toString(), List.of()));
        }
        long maxTariff = maxTariffCents(terms.costPriceCentsPerHour(), cooperative.marginPercent());
        if (terms.tariffCentsPerHour() > maxTariff) {
            breaches.add(new RuleBreach("NO_PROFIT_TARIFF",
                    "Lending between members is at cost: the tariff may not exceed the cost price plus the "
                            + "cooperative's margin of " + cooperative.marginPercent().stripTrailingZeros().toPlainString() + "%.",
                    maxTariff + " cents/h", terms.tariffCentsPerHour() + " cents/h", List.of()));
        }
        int lentHours = terms.hoursPerWeek() + overlapping.stream().mapToInt(OtherAgreement::hoursPerWeek).sum();
        List<UUID> involved = new ArrayList<>();
        overlapping.forEach(other -> involved.add(other.id()));
        if (lentHours > worker.contractHoursPerWeek()) {
            breaches.add(new RuleBreach("CONTRACT_HOURS_EXCEEDED",
                    "The worker's agreements in this period add up to more than the contract hours.",
                    worker.contractHoursPerWeek() + " h/week", lentHours + " h/week", involved));
        }
        int maxLent = worker.contractHoursPerWeek() * (100 - cooperative.minHomeEmployerSharePercent()) / 100;
        if (cooperative.minHomeEmployerSharePercent() > 0 && lentHours > maxLent) {
            breaches.add(new RuleBreach("HOME_SHARE_TOO_LOW",
                    "The lender must keep at least " + cooperative.minHomeEmployerSharePercent()
                            + "% of the contract hours at home.",
                    maxLent + " h/week lent", lentHours + " h/week lent", involved));
        }
        return breaches;
    }

    /** cost × (1 + margin/100), rounded down to whole cents. */
    static long maxTariffCents(long costPriceCents, BigDecimal marginPercent) {
        return BigDecimal.valueOf(costPriceCents)
                .multiply(BigDecimal.valueOf(100).add(marginPercent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
