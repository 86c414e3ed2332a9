/** Orders of gig packages: status and stage, the timeline of every transition, and the order service. */
@Export
@Version("2.3.0")
package org.souk.order.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
