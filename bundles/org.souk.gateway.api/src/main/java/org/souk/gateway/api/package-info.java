/** The gateway: which providers and methods are live right now, and protected calls into them. */
@Export
@Version("2.1.0")
package org.souk.gateway.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
