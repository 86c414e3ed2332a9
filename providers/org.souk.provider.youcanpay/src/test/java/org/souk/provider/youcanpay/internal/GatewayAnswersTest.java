package org.souk.provider.youcanpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;
import org.souk.gateway.spi.ProviderStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

/** An initiation endpoint's answer: usable, or what to tell the core. */
class GatewayAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GatewayAnswers answers = new GatewayAnswers(new Settings("pri_sandbox_key", "pub", true, null, 100, 100, null));

    private ProviderStatus stopped(GatewayAnswers.Call call) {
        try {
            answers.call("tokenize", "pay-1", call);
            throw new AssertionError("not stopped");
        } catch (Stop stop) {
            return stop.result.status();
        }
    }

    @Test
    void silenceAndServerErrorsAreUnknownRefusalsAreDeclines() throws Exception {
        assertThat(stopped(() -> { throw new HttpTimeoutException("slow"); })).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(stopped(() -> new GatewayClient.Answer(502, null))).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(stopped(() -> new GatewayClient.Answer(200, JSON.readTree("{\"success\":false,\"code\":\"013\"}"))))
                .isEqualTo(ProviderStatus.ERROR);
        assertThat(stopped(() -> new GatewayClient.Answer(200, null))).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(answers.call("tokenize", "pay-1", () -> new GatewayClient.Answer(200, JSON.readTree("{\"token\":{\"id\":\"t\"}}")))
                .status()).isEqualTo(200);
    }

    @Test
    void readsTheTokenInBothShapesAndTheRefusalCode() throws Exception {
        assertThat(GatewayAnswers.tokenOf(JSON.readTree("{\"token\":{\"id\":\"tok-1\"}}"))).isEqualTo("tok-1");
        assertThat(GatewayAnswers.tokenOf(JSON.readTree("{\"token\":\"tok-2\"}"))).isEqualTo("tok-2");
        assertThat(GatewayAnswers.tokenOf(JSON.readTree("{}"))).isNull();
        assertThat(GatewayAnswers.refusalCode(new GatewayClient.Answer(422, JSON.readTree("{\"code\":\"013\"}")))).isEqualTo("013");
    }
}
