/**
 * Support for the bundles that keep state: versioned schema migrations run from each bundle's own
 * scripts, a JPA converter for instants, and a hook that runs work only once a transaction commits.
 */
@Export
@Version("1.0.0")
package org.souk.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
