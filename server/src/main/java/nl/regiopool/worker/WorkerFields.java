package nl.regiopool.worker;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.Qualification;
import nl.regiopool.api.model.QualificationRole;

/**
 * Checks of worker fields beyond what the schema can say. A BIG number (its 11-digit format is in
 * the schema) belongs to exactly the BIG-registered professions; each role is listed once.
 */
final class WorkerFields {

    /** Professions registered in the BIG register (Wet BIG, art. 3): they need a BIG number. */
    static final Set<QualificationRole> BIG_REGISTERED = EnumSet.of(
            QualificationRole.VERPLEEGKUNDIGE, QualificationRole.VERPLEEGKUNDIG_SPECIALIST, QualificationRole.HUISARTS);

    private WorkerFields() {
    }

    static List<FieldError> qualificationErrors(List<Qualification> qualifications) {
        List<FieldError> errors = new ArrayList<>();
        if (qualifications == null) {
            return errors;
        }
        Set<QualificationRole> seen = new HashSet<>();
        for (int i = 0; i < qualifications.size(); i++) {
            Qualification qualification = qualifications.get(i);
            String field = "qualifications[" + i + "]";
            if (qualification.getRole() == null) {
                continue;
            }
            if (!seen.add(qualification.getRole())) {
                errors.add(new FieldError(field + ".role", "DUPLICATE", "Each role may be listed once."));
            }
            boolean registered = BIG_REGISTERED.contains(qualification.getRole());
            if (registered && qualification.getBigNumber() == null) {
                errors.add(new FieldError(field + ".bigNumber", "BIG_NUMBER_REQUIRED",
                        qualification.getRole() + " is a BIG-registered profession and needs its 11-digit BIG number."));
            } else if (!registered && qualification.getBigNumber() != null) {
                errors.add(new FieldError(field + ".bigNumber", "BIG_NUMBER_NOT_ALLOWED",
                        qualification.getRole() + " is not a BIG-registered profession; record the BIG number with the"
                                + " registered role (e.g. VERPLEEGKUNDIGE)."));
            }
        }
        return errors;
    }

    static String normalizePostcode(String postcode) {
        String compact = postcode.replace(" ", "").toUpperCase(Locale.ROOT);
        return compact.substring(0, 4) + " " + compact.substring(4);
    }

    static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
