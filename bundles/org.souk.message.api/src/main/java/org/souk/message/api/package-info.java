/** Messages on an order between its client and its freelancer; administrators read them. */
@Export
@Version("1.1.0")
package org.souk.message.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
