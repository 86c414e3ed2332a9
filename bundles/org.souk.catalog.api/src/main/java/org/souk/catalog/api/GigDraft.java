package org.souk.catalog.api;

import java.util.List;

/** What a freelancer submits to create or replace a gig; the catalog validates it. */
public record GigDraft(String title, String description, List<GigPackage> packages) {
}
