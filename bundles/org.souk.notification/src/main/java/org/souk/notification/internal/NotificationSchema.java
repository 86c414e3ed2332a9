package org.souk.notification.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The notification tables (the outbox, deliveries, preferences and the in-app inbox) migrated to this
 * bundle's version: the components that use them reference this, the in-app channel's included.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + NotificationSchema.MODULE)
public class NotificationSchema implements Schema {

    static final String MODULE = "notification";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public NotificationSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, NotificationSchema.class.getClassLoader()).migrate();
    }
}
