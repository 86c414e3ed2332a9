/** The SPI a payment-provider plugin implements: initiate, look up, refund and verify webhooks. */
@Export
@Version("1.4.0")
package org.souk.gateway.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
