package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.souk.common.api.ValidationException;

class IbanTest {

    @ParameterizedTest
    @CsvSource({
        "MA20 0118 1000 0000 1234 5678 9012, MA20011810000000123456789012",
        "FR14 2004 1010 0505 0001 3M02 606, FR1420041010050500013M02606",
        "DE89 3704 0044 0532 0130 00, DE89370400440532013000",
        "gb29 nwbk 6016 1331 9268 19, GB29NWBK60161331926819",
        "ES9121000418450200051332, ES9121000418450200051332",
        "NL91 ABNA 0417 1643 00, NL91ABNA0417164300",
        "BE68 5390 0754 7034, BE68539007547034",
        "NO91 9386 0111 797, NO9193860111797",
        "SE45 5000 0000 0583 9825 7466, SE4550000000058398257466"})
    void aValidIbanIsKeptInItsElectronicForm(String written, String electronic) {
        assertThat(Iban.valid(written)).isEqualTo(electronic);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // one digit wrong, two neighbours swapped: the check digits catch both
        "MA21011810000000123456789012 | check digits",
        "DE89370400440532013001       | check digits",
        "GB29NWBK60161331926891       | check digits",
        // the country's own length
        "MA2001181000000012345678901  | MA has 28 characters, this one 27",
        "FR14200410100505000130M02606 | FR has 27 characters, this one 28",
        "BE6853900754703              | BE has 16 characters, this one 15",
        "NL91ABNA04171643001          | NL has 18 characters, this one 19",
        "ES91210004184502000513320    | ES has 24 characters, this one 25",
        // elsewhere 15 to 34
        "XX12345678901234567          | no country code",
        "1234567890123456             | country code (2 letters)",
        "FR14-2004-1010-0505-0001-3M02-606 | country code (2 letters)"})
    void anInvalidIbanIsRefusedNamingTheFieldAndWhy(String iban, String why) {
        assertThatThrownBy(() -> Iban.valid(iban)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).field()).isEqualTo("iban");
            assertThat(e.errors().get(0).reason()).contains(why.trim());
        });
    }

    @Test
    void aMissingIbanIsRequired() {
        assertThatThrownBy(() -> Iban.valid("  ")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).reason()).isEqualTo("is required"));
        assertThatThrownBy(() -> Iban.valid(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void aGenericIbanOutsideFifteenToThirtyFourIsRefused() {
        // Norway's 15 is the shortest there is; 14 is refused whatever its digits.
        assertThatThrownBy(() -> Iban.valid("NO91938601117")).hasMessageContaining("15 to 34");
        assertThatThrownBy(() -> Iban.valid("SE45" + "0".repeat(31))).hasMessageContaining("this one has 35");
    }

    @Test
    void theMaskShowsOnlyTheLastFourCharacters() {
        assertThat(Iban.masked("MA20011810000000123456789012")).isEqualTo("************************9012");
        assertThat(Iban.masked("BE68539007547034")).isEqualTo("************7034").hasSize(16);
    }
}
