/**
 * The payout SPI: a bundle that sends a withdrawal's money to the freelancer (a bank transfer, a wallet)
 * registers a {@link org.souk.ledger.api.payout.PayoutProvider}.
 */
@Export
@Version("1.0.0")
package org.souk.ledger.api.payout;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
