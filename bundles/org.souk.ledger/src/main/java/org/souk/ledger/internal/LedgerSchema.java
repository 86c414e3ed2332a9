package org.souk.ledger.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The ledger's tables (postings, entries, clearances, withdrawals, payout details) migrated to this
 * bundle's version: the components that use them reference this.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + LedgerSchema.MODULE)
public class LedgerSchema implements Schema {

    static final String MODULE = "ledger";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public LedgerSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, LedgerSchema.class.getClassLoader()).migrate();
    }
}
