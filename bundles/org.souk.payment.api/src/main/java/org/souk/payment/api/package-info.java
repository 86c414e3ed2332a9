/**
 * Payments: one per order with its attempts, every gateway exchange recorded, settled by verified webhooks or
 * status look-ups.
 *
 * <p>The package speaks its own types: next actions, transaction outcomes and incoming webhooks are not the
 * gateway SPI's, so a client never depends on what providers implement.
 */
@Export
@Version("2.3.0")
package org.souk.payment.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
