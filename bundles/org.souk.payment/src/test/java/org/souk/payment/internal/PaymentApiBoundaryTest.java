package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentNextAction;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.PaymentTransaction;
import org.souk.payment.api.TransactionKind;
import org.souk.payment.api.TransactionOutcome;

/** The payment API tells clients what the gateway said in its own types, with the names the JSON always had. */
class PaymentApiBoundaryTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void aGatewaysNextActionReachesTheClientAsThePaymentApisOwn() {
        PaymentEntity payment = new PaymentEntity("p-1", "o-1", "cli", "fre", new Money(25_000, "MAD"), "cashplus.code",
                "cashplus", true, T0);
        payment.awaiting(new NextAction(NextAction.DISPLAY_CODE, null, Map.of("reference", "CP 12 34", "until", "a&b=c")),
                T0.plusSeconds(1));

        PaymentNextAction next = payment.toPayment(List.of()).nextAction();

        assertThat(next).isEqualTo(new PaymentNextAction(PaymentNextAction.DISPLAY_CODE, null,
                Map.of("reference", "CP 12 34", "until", "a&b=c")));
        assertThat(List.of(PaymentNextAction.REDIRECT, PaymentNextAction.WIDGET, PaymentNextAction.DISPLAY_CODE))
                .containsExactly(NextAction.REDIRECT, NextAction.WIDGET, NextAction.DISPLAY_CODE);
    }

    @Test
    void everyProviderStatusIsTheOutcomeOfTheSameName() {
        for (ProviderStatus status : ProviderStatus.values()) {
            PaymentTransaction t = new PaymentTransactionEntity("t-" + status, "p-1", TransactionKind.WEBHOOK, status,
                    "ref", null, T0).toTransaction();
            assertThat(t.outcome().name()).isEqualTo(status.name());
        }
        assertThat(TransactionOutcome.values()).hasSameSizeAs(ProviderStatus.values());
    }

    @Test
    void thePaymentApiNamesNoTypeOfTheGatewaySpi() {
        List<Type> named = new ArrayList<>();
        for (Class<?> record : List.of(Payment.class, PaymentTransaction.class)) {
            Arrays.stream(record.getRecordComponents()).map(RecordComponent::getGenericType).forEach(named::add);
        }
        for (Method m : PaymentService.class.getMethods()) {
            named.add(m.getGenericReturnType());
            named.addAll(Arrays.asList(m.getGenericParameterTypes()));
        }
        assertThat(named).extracting(Type::getTypeName).noneMatch(n -> n.contains("org.souk.gateway.spi"));
    }
}
