package org.souk.provider.youcanpay.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.souk.gateway.spi.ProviderResult;

/**
 * Payments this instance started, by idempotency key, so that a repeated initiation hands out the same token
 * or code instead of starting a second payment at YouCanPay. Only the latest ones are kept.
 */
final class StartedPayments {

    /** Payments started by this instance, so that a repeated initiation hands out the same token or code. */
    private static final int REMEMBERED_STARTS = 1024;
    private final Map<String, ProviderResult> started = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ProviderResult> eldest) {
            return size() > REMEMBERED_STARTS;
        }
    };

    ProviderResult remembered(String key) {
        if (key == null) {
            return null;
        }
        synchronized (started) {
            return started.get(key);
        }
    }

    void remember(String key, ProviderResult result) {
        if (key != null) {
            synchronized (started) {
                started.put(key, result);
            }
        }
    }
}
