/** Value types shared by every Souk service API: money, the caller, pages and the error hierarchy. */
@Export
@Version("1.5.0")
package org.souk.common.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
