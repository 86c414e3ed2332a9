package org.souk.provider.youcanpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.gateway.spi.CustomerContext;
import org.souk.gateway.spi.PaymentRequest;

/** What YouCanPay is told about the customer, decided without any call. */
class CustomerDetailsTest {

    private static PaymentRequest request(Map<String, String> details, CustomerContext customer) {
        return new PaymentRequest("pay-1", "order-1", YouCanPayProvider.CARD, Money.parse("50.00", "MAD"), "Logo",
                details, "pay-1", customer);
    }

    @Test
    void refusesWhatYouCanPayWouldRefuseNamingEachFieldInOrder() {
        assertThat(CustomerDetails.check(Map.of("customerIp", "not-an-ip", "customer.email", "nobody",
                "customer.country_code", "MAR", "customer.city", "x".repeat(256), "customer.name", "Amina")))
                .extracting(FieldError::field).containsExactly("details.customer.city", "details.customer.country_code",
                        "details.customer.email", "details.customerIp");
        assertThat(CustomerDetails.check(Map.of("customerIp", "2001:db8::1", "customer.email", "amina@example.ma",
                "customer.countryCode", "ma", "lang", "klingon"))).isEmpty();
        assertThat(CustomerDetails.check(null)).isEmpty();
    }

    @Test
    void anIpAddressIsNeverResolvedAsAName() {
        assertThat(CustomerDetails.isIpAddress("192.168.1.20")).isTrue();
        assertThat(CustomerDetails.isIpAddress("::1")).isTrue();
        assertThat(CustomerDetails.isIpAddress("256.1.1.1")).isFalse();
        assertThat(CustomerDetails.isIpAddress("localhost")).isFalse();
    }

    @Test
    void theAddressAndLanguageSoukSawComeBeforeWhatTheClientSays() {
        PaymentRequest seen = request(Map.of("customerIp", "10.0.0.9", "lang", "ar"), new CustomerContext("10.0.0.1", "fr"));
        assertThat(CustomerDetails.customerIp(seen)).isEqualTo("10.0.0.1");
        assertThat(CustomerDetails.language(seen)).isEqualTo("fr");

        PaymentRequest told = request(Map.of("customerIp", "10.0.0.9", "lang", "ar"), CustomerContext.NONE);
        assertThat(CustomerDetails.customerIp(told)).isEqualTo("10.0.0.9");
        assertThat(CustomerDetails.language(told)).isEqualTo("ar");

        PaymentRequest nothing = request(Map.of("customerIp", "a b", "lang", "de"), CustomerContext.NONE);
        assertThat(CustomerDetails.customerIp(nothing)).isEqualTo("127.0.0.1");
        assertThat(CustomerDetails.language(nothing)).isEqualTo("en");
    }

    @Test
    void aCustomerFieldIsFoundUnderEitherSpelling() {
        assertThat(CustomerDetails.customerDetail(request(Map.of("customer.zipCode", "20000"), CustomerContext.NONE),
                "zip_code")).isEqualTo("20000");
    }
}
