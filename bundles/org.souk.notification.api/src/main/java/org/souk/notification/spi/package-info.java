/** The notification channel SPI: what a bundle implements to reach users another way. */
@Export
@Version("1.0.0")
package org.souk.notification.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
