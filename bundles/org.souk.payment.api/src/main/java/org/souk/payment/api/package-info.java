/**
 * Payments: one per order with its attempts, every gateway exchange recorded, settled by verified webhooks or
 * status look-ups.
 */
@Export
@Version("2.0.0")
package org.souk.payment.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
