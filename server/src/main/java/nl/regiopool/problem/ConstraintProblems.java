package nl.regiopool.problem;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one table from a database constraint to the problem its refusal answers. The application checks
 * first and explains; these constraints make it true under concurrency, and a concurrent write that loses
 * the race gets the same answer as a sequential one. A violation of a constraint not named here is a bug:
 * it stays a logged 500, never a guessed 409.
 */
public final class ConstraintProblems {

    private static final Set<String> VIOLATIONS = Set.of(
            DatabaseErrors.UNIQUE_VIOLATION, DatabaseErrors.EXCLUSION_VIOLATION, DatabaseErrors.FOREIGN_KEY_VIOLATION,
            DatabaseErrors.CHECK_VIOLATION);

    private record Answer(int status, String code, String detail) {
        ProblemException problem() {
            return new ProblemException(status, code, status == 409 ? "Conflict" : "Validation failed", detail);
        }
    }

    private static final Map<String, Answer> BY_CONSTRAINT = Map.ofEntries(
            Map.entry("cooperative_slug_key", conflict("COOPERATIVE_SLUG_TAKEN",
                    "A cooperative with this slug exists already.")),
            Map.entry("member_kvk_number_unique", conflict("MEMBER_KVK_TAKEN",
                    "A member with this KvK number is registered already.")),
            Map.entry("pool_name_unique", conflict("POOL_NAME_TAKEN", "A pool with this name exists already.")),
            Map.entry("pool_membership_no_overlap", conflict("POOL_MEMBERSHIP_OVERLAP",
                    "The worker already holds a membership of this pool that overlaps this period.")),
            Map.entry("cao_rule_set_pkey", conflict("CAO_RULE_SET_EXISTS",
                    "A rule set with this code exists already.")),
            Map.entry("cao_rule_set_version_pkey", conflict("CAO_RULE_SET_VERSION_OVERLAP",
                    "Another version of this rule set is valid on some of these dates.")),
            Map.entry("cao_rule_set_version_no_overlap", conflict("CAO_RULE_SET_VERSION_OVERLAP",
                    "Another version of this rule set is valid on some of these dates.")),
            Map.entry("placement_no_overlap", conflict("PLACEMENT_OVERLAP",
                    "The worker has another shift at that time.")),
            Map.entry("placement_home_shift_external_id", conflict("HOME_SHIFT_EXTERNAL_ID_TAKEN",
                    "A home shift with this externalId exists outside this window; include its window to move it.")),
            Map.entry("staffing_request_shift_no_overlap", new Answer(422, "VALIDATION_FAILED",
                    "Shifts of one staffing request may not overlap each other.")),
            Map.entry("staffing_request_pool_fk", new Answer(422, "VALIDATION_FAILED",
                    "poolIds names a pool that does not exist in the cooperative.")),
            Map.entry("offer_one_taker_per_request", conflict("OFFER_TAKEN",
                    "Another worker has accepted this request already.")),
            Map.entry("offer_worker_unique", conflict("OFFER_EXISTS", "The worker has an offer of this request already.")),
            Map.entry("worker_availability_window_no_overlap", new Answer(422, "VALIDATION_FAILED",
                    "Two windows of one weekday overlap.")),
            Map.entry("worker_availability_window_pkey", new Answer(422, "VALIDATION_FAILED",
                    "Two windows of one weekday overlap.")),
            Map.entry("settlement_period_unique", conflict("SETTLEMENT_EXISTS",
                    "This period was settled concurrently; compute it again to recompute the DRAFT.")),
            Map.entry("internship_share_member_unique", conflict("ALREADY_SHARED",
                    "The applicant is shared with this member already.")),
            Map.entry("internship_offer_places_available", conflict("OFFER_FULL",
                    "Every place of the offer is taken.")),
            Map.entry("member_cao_rule_set_fk", unknownRuleSet()),
            Map.entry("loan_agreement_cao_rule_set_fk", unknownRuleSet()));

    private ConstraintProblems() {
    }

    private static Answer conflict(String code, String detail) {
        return new Answer(409, code, detail);
    }

    /** The rule-set check before the write names the known codes; this answers a write that raced a change. */
    private static Answer unknownRuleSet() {
        return new Answer(422, "VALIDATION_FAILED", "caoRuleSetCode names no rule set of this cooperative.");
    }

    /** The problem for a refused unique, exclusion or foreign-key constraint named in the table. */
    public static Optional<ProblemException> of(Throwable error) {
        SQLException sql = DatabaseErrors.sqlCause(error);
        if (!(sql instanceof PSQLException psql) || !VIOLATIONS.contains(sql.getSQLState())) {
            return Optional.empty();
        }
        ServerErrorMessage message = psql.getServerErrorMessage();
        return Optional.ofNullable(message == null ? null : message.getConstraint())
                .map(BY_CONSTRAINT::get)
                .map(Answer::problem);
    }

    /** Every constraint the table names, for the test that keeps it in step with the schema. */
    static Set<String> constraintNames() {
        return BY_CONSTRAINT.keySet();
    }
}
