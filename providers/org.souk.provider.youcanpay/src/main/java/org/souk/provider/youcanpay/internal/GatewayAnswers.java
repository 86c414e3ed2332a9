package org.souk.provider.youcanpay.internal;

import static org.souk.provider.youcanpay.internal.Json.text;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.gateway.spi.DeclineCodes;
import org.souk.gateway.spi.ProviderResult;

import com.fasterxml.jackson.databind.JsonNode;

/** The answers of YouCanPay's initiation endpoints, read as either a usable answer or what to tell the core. */
final class GatewayAnswers {

    /** Logs under the provider's name, where an operator looks for YouCanPay's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(YouCanPayProvider.class);

    @FunctionalInterface
    interface Call {
        GatewayClient.Answer run() throws IOException, InterruptedException;
    }

    private final Settings settings;

    GatewayAnswers(Settings settings) {
        this.settings = settings;
    }

    /**
     * Calls an initiation endpoint. A 2xx answer with a JSON object comes back; anything else stops the
     * initiation: refusals (4xx) are final errors, silence and 5xx are UNKNOWN.
     */
    GatewayClient.Answer call(String endpoint, String paymentId, Call call) throws Stop {
        GatewayClient.Answer answer;
        try {
            answer = call.run();
        } catch (HttpTimeoutException e) {
            LOG.debug("YouCanPay {} for payment {} timed out", endpoint, paymentId);
            throw new Stop(ProviderResult.unknown("YouCanPay did not answer " + endpoint + " in time"));
        } catch (IOException e) {
            LOG.debug("YouCanPay {} for payment {} failed: {}", endpoint, paymentId, e.getClass().getSimpleName());
            throw new Stop(ProviderResult.unknown("YouCanPay unreachable: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(ProviderResult.unknown("interrupted while calling YouCanPay"));
        }
        int status = answer.status();
        if (status >= 500) {
            LOG.debug("YouCanPay {} for payment {} answered HTTP {}", endpoint, paymentId, status);
            throw new Stop(ProviderResult.unknown("YouCanPay answered HTTP " + status + " to " + endpoint));
        }
        if (status >= 400 || (answer.json() != null && answer.json().path("success").isBoolean()
                && !answer.json().path("success").asBoolean())) {
            if (status == 401 || status == 403) {
                LOG.warn("YouCanPay refused the credentials of {} (HTTP {}): check .private.key and public.key", settings,
                        status);
            }
            throw new Stop(ProviderResult.declined(null, refusal(answer), refusalCode(answer)));
        }
        if (status < 200 || status >= 300 || answer.json() == null || !answer.json().isObject()) {
            LOG.debug("YouCanPay {} for payment {} gave an unreadable answer (HTTP {})", endpoint, paymentId, status);
            throw new Stop(ProviderResult.unknown("YouCanPay gave an unreadable answer to " + endpoint));
        }
        return answer;
    }

    /** YouCanPay's own code for a refusal (its {@code code} member, e.g. {@code 013}), or unknown. */
    static String refusalCode(GatewayClient.Answer answer) {
        String code = text(answer.json() == null ? null : answer.json().get("code"));
        return code == null ? DeclineCodes.UNKNOWN : code;
    }

    private static String refusal(GatewayClient.Answer answer) {
        String message = text(answer.json() == null ? null : answer.json().get("message"));
        String code = text(answer.json() == null ? null : answer.json().get("code"));
        StringBuilder sb = new StringBuilder("YouCanPay refused: ");
        sb.append(message != null ? message : "HTTP " + answer.status());
        if (code != null) {
            sb.append(" (code ").append(code).append(')');
        }
        return sb.toString();
    }

    /** The token, as the SDKs print it ({@code {"token":{"id":…}}}) or as one docs page does ({@code {"token":"…"}}). */
    static String tokenOf(JsonNode json) {
        if (json == null) {
            return null;
        }
        JsonNode token = json.get("token");
        return token != null && token.isObject() ? text(token.get("id")) : text(token);
    }
}
