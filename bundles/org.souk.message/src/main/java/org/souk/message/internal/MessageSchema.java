package org.souk.message.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The order messages' tables (messages and attachments) migrated to this bundle's version: the components
 * that use them reference this.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + MessageSchema.MODULE)
public class MessageSchema implements Schema {

    static final String MODULE = "message";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public MessageSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, MessageSchema.class.getClassLoader()).migrate();
    }
}
