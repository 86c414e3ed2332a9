/**
 * The audit trail: who changed what as an administrator, when, why and with what outcome. Services record
 * an entry in the transaction of the change it describes, so an entry exists exactly when the change does.
 */
@Export
@Version("1.0.0")
package org.souk.common.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
