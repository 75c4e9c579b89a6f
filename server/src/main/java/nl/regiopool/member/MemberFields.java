package nl.regiopool.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.regiopool.api.model.FieldError;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * Checks and normal forms of member fields beyond what the schema can say: IBAN check digits and
 * country format (iban4j), postcodes stored as {@code 1234 AB}.
 */
final class MemberFields {

    private MemberFields() {
    }

    static String normalizeIban(String iban) {
        return iban.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    static Optional<FieldError> checkIban(String field, String normalizedIban) {
        try {
            IbanUtil.validate(normalizedIban);
            return Optional.empty();
        } catch (InvalidCheckDigitException e) {
            return Optional.of(new FieldError(field, "INVALID_CHECKSUM", "The IBAN's check digits are wrong."));
        } catch (UnsupportedCountryException e) {
            return Optional.of(new FieldError(field, "INVALID_FORMAT", "The IBAN's country is not supported."));
        } catch (IbanFormatException e) {
            return Optional.of(new FieldError(field, "INVALID_FORMAT", "This is not a valid IBAN."));
        }
    }

    static String normalizePostcode(String postcode) {
        String compact = postcode.replace(" ", "").toUpperCase(Locale.ROOT);
        return compact.substring(0, 4) + " " + compact.substring(4);
    }

    static List<FieldError> errors(String iban) {
        List<FieldError> errors = new ArrayList<>();
        if (iban != null) {
            checkIban("iban", normalizeIban(iban)).ifPresent(errors::add);
        }
        return errors;
    }
}
