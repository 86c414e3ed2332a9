package org.souk.provider.youcanpay.internal;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.gateway.spi.ConfigurationCheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Whether YouCanPay accepts an account's keys. */
final class KeysCheck {

    /** Logs under the provider's name, where an operator looks for YouCanPay's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(YouCanPayProvider.class);

    private final Settings settings;
    private final ObjectMapper mapper;
    private final GatewayClient client;

    KeysCheck(Settings settings, ObjectMapper mapper, GatewayClient client) {
        this.settings = settings;
        this.mapper = mapper;
        this.client = client;
    }

    /**
     * Asks YouCanPay whether this account's keys are good ({@code POST keys/check} with the private and
     * public keys): 2xx is OK; a refusal (4xx) means the keys are wrong for this environment (a sandbox key on
     * live, say) and no payment will work; silence or a 5xx says nothing.
     */
    ConfigurationCheck check() {
        ObjectNode body = mapper.createObjectNode();
        body.put("pri_key", settings.privateKey);
        body.put("pub_key", settings.publicKey);
        GatewayClient.Answer answer;
        try {
            answer = client.post("keys/check", body);
        } catch (IOException e) {
            return ConfigurationCheck.unreachable("YouCanPay did not answer keys/check: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigurationCheck.unreachable("interrupted");
        }
        String where = settings.sandbox ? "sandbox" : "live";
        if (answer.ok() && !(answer.json() != null && answer.json().path("success").isBoolean()
                && !answer.json().path("success").asBoolean())) {
            return ConfigurationCheck.ok("YouCanPay accepted the keys (" + where + ")");
        }
        if (answer.status() >= 500) {
            return ConfigurationCheck.unreachable("YouCanPay answered HTTP " + answer.status() + " to keys/check");
        }
        LOG.warn("YouCanPay refused the keys of {} (HTTP {}): check .private.key and public.key", settings, answer.status());
        return ConfigurationCheck.invalid("YouCanPay refused the keys (" + where + ", HTTP " + answer.status() + ")");
    }
}
