/** The provider test kit: extend {@link org.souk.provider.testkit.PaymentProviderContract} in a provider's tests. */
@Export
@Version("2.0.0")
package org.souk.provider.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
