package org.souk.auth.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The user tables (contact details and pending e-mail changes) migrated to this bundle's version: the
 * components that use them reference this.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + AuthSchema.MODULE)
public class AuthSchema implements Schema {

    static final String MODULE = "auth";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public AuthSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, AuthSchema.class.getClassLoader()).migrate();
    }
}
