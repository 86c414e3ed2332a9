package org.souk.provider.youcanpay.internal;

import org.souk.gateway.spi.ProviderResult;

/** Ends an initiation or a look-up early with what to tell the core. */
final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ProviderResult result;

    Stop(ProviderResult result) {
        super(result.message(), null, false, false);
        this.result = result;
    }
}
