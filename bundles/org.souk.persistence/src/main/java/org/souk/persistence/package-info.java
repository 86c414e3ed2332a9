/**
 * Support for the bundles that keep state: versioned schema migrations run from each bundle's own
 * scripts by the bundle's one {@link org.souk.persistence.Schema} component, a JPA converter for instants,
 * a hook that runs work only once a transaction commits, a poller that drains work falling due in the
 * database on Karaf's scheduler, the platform clock every component reads the time from, and the cursors
 * of keyset-paged lists.
 */
@Export
@Version("1.2.0")
package org.souk.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
