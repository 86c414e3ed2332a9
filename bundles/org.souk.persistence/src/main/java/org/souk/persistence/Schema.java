package org.souk.persistence;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's tables, migrated to the version its bundle ships. Each bundle that owns tables has one
 * component that runs the module's migrations ({@link SchemaMigrator}) when it activates and then stands
 * for the migrated tables as this service, with {@value #NAME}{@code =<module>}; every component that
 * reads or writes those tables references it, target-filtered on the module. So nothing touches a table
 * before its migrations ran, and no service runs migrations of its own.
 *
 * <pre>
 * &#64;Component(service = Schema.class, immediate = true, property = Schema.NAME + "=order")
 * public class OrderSchema implements Schema {
 *     &#64;Activate
 *     public OrderSchema(&#64;Reference(target = Schema.DATA_SOURCE) DataSource dataSource) {
 *         new SchemaMigrator(dataSource, "order", OrderSchema.class.getClassLoader()).migrate();
 *     }
 * }
 * </pre>
 */
@ConsumerType
public interface Schema {

    /** The service property that names the migrated module, as its scripts' folder names it. */
    String NAME = "schema";

    /** The database every module is migrated in. */
    String DATA_SOURCE = "(osgi.jndi.service.name=souk)";
}
