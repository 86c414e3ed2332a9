/**
 * The double-entry ledger of the money Souk holds: where a client's payment sits until its order ends,
 * what the platform earns, what a freelancer has earned and may withdraw. See {@link org.souk.ledger.api.LedgerService}
 * for the accounts and the sign convention.
 */
@Export
@Version("1.2.0")
package org.souk.ledger.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
