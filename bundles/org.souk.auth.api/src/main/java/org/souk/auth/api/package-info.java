/** Issues and verifies the bearer tokens that name a caller and its role; how to reach users (email, language). */
@Export
@Version("1.1.0")
package org.souk.auth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
