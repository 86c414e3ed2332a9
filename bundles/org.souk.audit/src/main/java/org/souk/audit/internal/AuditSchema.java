package org.souk.audit.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/** The audit table migrated to this bundle's version: the trail references this. */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + AuditSchema.MODULE)
public class AuditSchema implements Schema {

    static final String MODULE = "audit";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public AuditSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, AuditSchema.class.getClassLoader()).migrate();
    }
}
