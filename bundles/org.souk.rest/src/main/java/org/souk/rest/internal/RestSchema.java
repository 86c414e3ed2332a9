package org.souk.rest.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The REST layer's tables (idempotency keys and event-stream tickets) migrated to this bundle's version, by
 * this one component: the filter and the tickets that use them reference it.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + RestSchema.MODULE)
public class RestSchema implements Schema {

    public static final String MODULE = "rest";
    /** Selects this schema among the other bundles'. */
    public static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public RestSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, RestSchema.class.getClassLoader()).migrate();
    }
}
