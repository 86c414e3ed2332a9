package org.souk.catalog.api;

/** The three packages a gig offers, from cheapest to richest. */
public enum Tier {
    BASIC, STANDARD, PREMIUM
}
