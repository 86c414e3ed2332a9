package org.souk.order.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The order tables (orders, their events, timers, requests and disputes) migrated to this bundle's version:
 * the components that use them reference this.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + OrderSchema.MODULE)
public class OrderSchema implements Schema {

    static final String MODULE = "order";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public OrderSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, OrderSchema.class.getClassLoader()).migrate();
    }
}
