/** Reviews of completed orders: one per order by its client, one reply by its freelancer, a gig's average. */
@Export
@Version("1.1.0")
package org.souk.review.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
