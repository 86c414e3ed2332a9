package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.ValidationException;

/** A payment's details are the caller's input: checked for shape before any provider sees them. */
class PaymentInitiationTest {

    private static List<FieldError> errorsOf(Map<String, String> details) {
        ValidationException.Collector errors = new ValidationException.Collector();
        PaymentInitiation.checkDetailsShape(details, errors);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (ValidationException e) {
            return e.errors();
        }
    }

    @Test
    void reasonableDetailsPass() {
        assertThat(errorsOf(Map.of("token", "tok_123", "returnUrl", "https://souk.example/back"))).isEmpty();
    }

    @Test
    void tooManyDetailsAreOneErrorAboutTheirCount() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= PaymentInitiation.MAX_DETAILS; i++) {
            many.put("d" + i, "v");
        }
        assertThat(errorsOf(many)).containsExactly(new FieldError("details", "at most 32 entries"));
    }

    @Test
    void eachBadDetailIsNamedWithItsReason() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(" ", "x");
        details.put("n".repeat(PaymentInitiation.MAX_DETAIL_NAME + 1), "x");
        details.put("nothing", null);
        details.put("long", "v".repeat(PaymentInitiation.MAX_DETAIL_VALUE + 1));
        details.put("fine", "v".repeat(PaymentInitiation.MAX_DETAIL_VALUE));

        assertThat(errorsOf(details)).containsExactly(
                new FieldError("details. ", "a detail's name is 1 to 64 characters"),
                new FieldError("details." + "n".repeat(64) + "…", "a detail's name is 1 to 64 characters"),
                new FieldError("details.nothing", "must not be null"),
                new FieldError("details.long", "must be at most 1000 characters"));
    }
}
