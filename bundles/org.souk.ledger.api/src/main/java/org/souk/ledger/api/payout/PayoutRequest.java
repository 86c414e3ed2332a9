package org.souk.ledger.api.payout;

import java.util.Map;

import org.souk.common.api.Money;

/**
 * One withdrawal to pay.
 *
 * @param destination where to send it, as the freelancer registered it with this provider (an IBAN and
 *        holder name for a bank transfer); the provider defines the keys
 */
public record PayoutRequest(String withdrawalId, String freelancerId, Money amount, Map<String, String> destination) {

    public PayoutRequest {
        destination = Map.copyOf(destination);
    }
}
