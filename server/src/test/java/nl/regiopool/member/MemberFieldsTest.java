package nl.regiopool.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberFieldsTest {

    @Test
    void anIbanIsCheckedForItsCountrysFormatPlusCheckDigits() {
        assertThat(MemberFields.checkIban("iban", MemberFields.normalizeIban("nl91 abna 0417 1643 00"))).isEmpty();
        assertThat(MemberFields.checkIban("iban", "DE89370400440532013000")).isEmpty();
        assertThat(MemberFields.checkIban("iban", "NL91ABNA0417164301")).get()
                .extracting("code").isEqualTo("INVALID_CHECKSUM");
        assertThat(MemberFields.checkIban("iban", "NL91ABNA041716430")).get()
                .extracting("code").isEqualTo("INVALID_FORMAT");
        assertThat(MemberFields.checkIban("iban", "XX00000000000000")).isPresent();
    }

    @Test
    void postcodesAreStoredAsFourDigitsSpaceTwoCapitals() {
        assertThat(MemberFields.normalizePostcode("7001ab")).isEqualTo("7001 AB");
        assertThat(MemberFields.normalizePostcode("7001 AB")).isEqualTo("7001 AB");
    }
}
