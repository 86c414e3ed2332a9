package org.souk.ledger.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.souk.common.api.ValidationException;

/**
 * An IBAN as ISO 13616 writes it: a country code, two check digits and the account number (BBAN). Checked by
 * the country's length where Souk knows it (from 15 to 34 characters elsewhere) and by the check digits
 * (mod 97), which catch any single wrong character and any two swapped neighbours.
 */
final class Iban {

    static final String FIELD = "iban";
    static final int MIN = 15;
    static final int MAX = 34;

    /** The IBAN length of the countries Souk's freelancers bank in most (SWIFT IBAN registry). */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(Map.entry("MA", 28), Map.entry("FR", 27),
            Map.entry("DE", 22), Map.entry("GB", 22), Map.entry("ES", 24), Map.entry("NL", 18), Map.entry("BE", 16),
            Map.entry("IT", 27), Map.entry("PT", 25), Map.entry("CH", 21), Map.entry("AT", 20), Map.entry("LU", 20),
            Map.entry("IE", 22), Map.entry("TN", 24), Map.entry("SA", 24), Map.entry("AE", 23));

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {
    }

    /**
     * The IBAN in its electronic form (upper case, no spaces), or a refusal naming {@value #FIELD} that says
     * what is wrong.
     */
    static String valid(String input) {
        if (input == null || input.isBlank()) {
            throw invalid("is required");
        }
        String iban = input.replace(" ", "").replace("\u00a0", "").toUpperCase(Locale.ROOT);
        if (iban.length() > 64) {
            throw invalid("must be at most " + MAX + " characters");
        }
        if (!iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]+")) {
            throw invalid("must be a country code (2 letters), 2 check digits and the account number, in letters and digits");
        }
        String country = iban.substring(0, 2);
        if (!COUNTRIES.contains(country)) {
            throw invalid("starts with " + country + ", which is no country code");
        }
        Integer length = LENGTHS.get(country);
        if (length != null && iban.length() != length) {
            throw invalid("an IBAN of " + country + " has " + length + " characters, this one " + iban.length());
        }
        if (length == null && (iban.length() < MIN || iban.length() > MAX)) {
            throw invalid("must have " + MIN + " to " + MAX + " characters, this one has " + iban.length());
        }
        if (!checksumHolds(iban)) {
            throw invalid("its check digits do not match: a character is wrong or two are swapped");
        }
        return iban;
    }

    /** ISO 13616: the first four characters moved to the end, letters as 10 to 35, the number mod 97 is 1. */
    static boolean checksumHolds(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.getNumericValue(c));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** Everything but the last four characters as {@code *}, so that the owner recognises the account. */
    static String masked(String iban) {
        int shown = Math.min(4, iban.length());
        return "*".repeat(iban.length() - shown) + iban.substring(iban.length() - shown);
    }

    private static ValidationException invalid(String reason) {
        return new ValidationException(FIELD, reason);
    }
}
