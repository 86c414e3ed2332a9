package org.souk.notification.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.SchemaMigrator;

/**
 * The notification tables (the outbox, deliveries, preferences and the in-app inbox) migrated to
 * this bundle's version; the components that use them reference it.
 */
@Component(service = Schema.class)
public class Schema {

    @Activate
    public Schema(@Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource) {
        new SchemaMigrator(dataSource, "notification", Schema.class.getClassLoader()).migrate();
    }

    /** For tests that migrate by hand. */
    Schema() {
    }
}
