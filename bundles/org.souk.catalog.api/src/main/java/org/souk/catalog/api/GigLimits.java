package org.souk.catalog.api;

/**
 * The largest gig a catalog takes. Every text has a maximum length, checked before anything is stored; a
 * placed order keeps a copy of its package, so these also bound what an order holds.
 */
public final class GigLimits {

    /** Characters of a gig's title, and of a package's title. */
    public static final int MAX_TITLE = 120;
    /** Characters of a gig's description. */
    public static final int MAX_DESCRIPTION = 4000;
    /** Characters of a package's description. */
    public static final int MAX_PACKAGE_DESCRIPTION = 2000;
    /** Packages of a gig: one per tier. */
    public static final int MAX_PACKAGES = 3;
    /** Deliverables of a package. */
    public static final int MAX_DELIVERABLES = 20;
    /** Characters of one deliverable (one line). All of a package's deliverables together fit in 4000. */
    public static final int MAX_DELIVERABLE = 190;
    /** Delivery time of a package, in days. */
    public static final int MAX_DELIVERY_DAYS = 365;
    /** Revisions a package includes. */
    public static final int MAX_REVISIONS = 100;
    /** Highest price of a package, in minor units (10 000 000 000.00 in a currency with two decimals). */
    public static final long MAX_PRICE_MINOR = 1_000_000_000_000L;

    private GigLimits() {
    }
}
