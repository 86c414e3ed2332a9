package org.souk.payment.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.persistence.Schema;
import org.souk.persistence.SchemaMigrator;

/**
 * The payment tables (payments, transactions, webhook events, refunds, attempts) migrated to this bundle's
 * version: the components that use them reference this.
 */
@Component(service = Schema.class, immediate = true, property = Schema.NAME + "=" + PaymentSchema.MODULE)
public class PaymentSchema implements Schema {

    static final String MODULE = "payment";
    /** Selects this schema among the other bundles'. */
    static final String TARGET = "(" + Schema.NAME + "=" + MODULE + ")";

    @Activate
    public PaymentSchema(@Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
        new SchemaMigrator(dataSource, MODULE, PaymentSchema.class.getClassLoader()).migrate();
    }
}
