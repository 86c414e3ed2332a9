package org.souk.review.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/** The review table migrated to this bundle's version: the components that use it reference this. */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + ReviewSchema.MODULE)
public class ReviewSchema implements Schema {

    static final String MODULE = "review";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public ReviewSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, ReviewSchema.class.getClassLoader()).migrate();
    }
}
