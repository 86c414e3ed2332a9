/** The gig catalog: gigs, their three packages, and the service that keeps them. */
@Export
@Version("1.2.0")
package org.souk.catalog.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
