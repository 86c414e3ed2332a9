package org.souk.shell.internal;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.api.ProviderInfo;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.PaymentMethod;

@Service
@Command(scope = "souk", name = "providers", description = "Lists the live payment providers, their methods, bundles and whether their gateway accepted their configuration")
public class ProvidersCommand extends RefusingAction {

    @Reference
    PaymentGateway gateway;

    @Override
    protected Object run() {
        ShellTable table = new ShellTable();
        table.column("Provider");
        table.column("Name");
        table.column("Methods");
        table.column("Currencies");
        table.column("Mode");
        table.column("Configuration");
        table.column("Bundle");
        for (ProviderInfo p : gateway.providers()) {
            table.addRow().addContent(p.id(), p.name(),
                    p.methods().stream().map(PaymentMethod::id).collect(Collectors.joining(", ")),
                    p.currencies().stream().sorted().collect(Collectors.joining(", ")), p.test() ? "TEST" : "live",
                    configuration(p.configuration()), p.bundle());
        }
        table.print(System.out);
        return null;
    }

    /** The latest check of a provider's configuration: OK, INVALID (its keys were refused) … with why. */
    static String configuration(ConfigurationCheck check) {
        return check.status() == ConfigurationCheck.Status.NOT_CHECKED || check.message() == null
                ? check.status().name() : check.status().name() + ": " + check.message();
    }
}
