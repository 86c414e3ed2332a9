package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.testing.Fakes.proxy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;

/** Which charge a webhook speaks of. */
class WebhookIntakeTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    /** Attempt 1 (key p-1, charge sbx_1) was declined; attempt 2 (key p-1-2, charge sbx_2) is under way. */
    private final PaymentEntity payment = secondAttemptUnderWay();

    private static PaymentEntity secondAttemptUnderWay() {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", new Money(25_000, "MAD"), "sandbox.card", "sandbox",
                true, T0);
        p.referenced("sbx_1");
        p.declined("card declined", T0.plusSeconds(1));
        p.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        p.referenced("sbx_2");
        return p;
    }

    private static WebhookEvent event(String paymentId, String reference) {
        return new WebhookEvent("evt-1", paymentId, reference, ProviderStatus.PROCESSED, null);
    }

    @Test
    void theReferenceAnEventNamesIsTheChargeItSpeaksOf() {
        assertThat(WebhookIntake.reportedReference(payment, event("p-1-2", "sbx_1"))).isEqualTo("sbx_1");
    }

    @Test
    void anEventEchoingOnlyAnEarlierAttemptsKeySpeaksOfThatAttemptsCharge() {
        assertThat(WebhookIntake.reportedReference(payment, event("p-1", null))).isEqualTo("sbx_1");
    }

    @Test
    void anEventEchoingOnlyTheLatestAttemptsKeyNamesNoChargeOfItsOwn() {
        assertThat(WebhookIntake.reportedReference(payment, event("p-1-2", null))).isNull();
        assertThat(WebhookIntake.reportedReference(payment, event("someone-else", null))).isNull();
    }

    // ------------------------------------------------------------------ events Souk has nothing to do with

    /** A gateway that verifies every webhook into {@code event}, and a database that records what is asked. */
    private static WebhookIntake intakeVerifying(WebhookEvent event, java.util.List<String> database) {
        org.souk.gateway.api.PaymentGateway gateway = proxy(org.souk.gateway.api.PaymentGateway.class, (m, args) -> {
            if (m.getName().equals("verifyWebhook")) {
                return event;
            }
            throw new AssertionError("the gateway is not asked " + m.getName());
        });
        org.apache.aries.jpa.template.JpaTemplate jpa = proxy(org.apache.aries.jpa.template.JpaTemplate.class, (m, args) -> {
            database.add(m.getName());
            return m.getName().equals("txExpr") ? Boolean.FALSE : null; // no event seen before
        });
        return new WebhookIntake(jpa, gateway, java.time.Clock.systemUTC(), null, null);
    }

    @Test
    void aVerifiedEventAboutNothingSoukHandlesIsAcknowledgedAsIgnoredAndRecordedSeen() {
        java.util.List<String> database = new java.util.ArrayList<>();
        WebhookIntake intake = intakeVerifying(WebhookEvent.ignored("evt-other", "event customer.created"), database);
        assertThat(intake.handleWebhook("youcanpay", java.util.Map.of(), new byte[] {'{', '}'}))
                .isEqualTo(org.souk.payment.api.WebhookOutcome.IGNORED);
        assertThat(database).as("looked up as seen, then recorded seen with no payment").containsExactly("txExpr", "tx");
        assertThat(intake.ignoredCount()).isEqualTo(1);
    }

    @Test
    void aSignedBodyTheProviderCannotReadIsBadInputNamingTheFieldAndLeavesNoTrace() {
        java.util.List<String> database = new java.util.ArrayList<>();
        org.souk.gateway.api.PaymentGateway gateway = proxy(org.souk.gateway.api.PaymentGateway.class, (m, args) -> {
            throw new org.souk.common.api.ValidationException("body", "is not JSON");
        });
        org.apache.aries.jpa.template.JpaTemplate jpa = proxy(org.apache.aries.jpa.template.JpaTemplate.class, (m, args) -> {
            database.add(m.getName());
            return null;
        });
        WebhookIntake intake = new WebhookIntake(jpa, gateway, java.time.Clock.systemUTC(), null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> intake.handleWebhook("sandbox", java.util.Map.of(),
                "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(org.souk.common.api.ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("body"));
        assertThat(database).isEmpty();
        assertThat(intake.ignoredCount()).isZero();
    }

    @Test
    void anIgnoredEventWithoutAnIdLeavesNoTrace() {
        java.util.List<String> database = new java.util.ArrayList<>();
        WebhookIntake intake = intakeVerifying(WebhookEvent.ignored(null, "unverified event type"), database);
        assertThat(intake.handleWebhook("paypal", java.util.Map.of(), new byte[] {'{', '}'}))
                .isEqualTo(org.souk.payment.api.WebhookOutcome.IGNORED);
        assertThat(database).isEmpty();
        assertThat(intake.ignoredCount()).isEqualTo(1);
    }
}
