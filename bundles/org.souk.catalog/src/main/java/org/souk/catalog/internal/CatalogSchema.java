package org.souk.catalog.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The catalog's tables (gigs and their packages) migrated to this bundle's version: the components that
 * use them reference this.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + CatalogSchema.MODULE)
public class CatalogSchema implements Schema {

    static final String MODULE = "catalog";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public CatalogSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, CatalogSchema.class.getClassLoader()).migrate();
    }
}
