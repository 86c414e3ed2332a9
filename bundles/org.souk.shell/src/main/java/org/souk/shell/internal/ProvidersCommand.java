package org.souk.shell.internal;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.api.ProviderInfo;
import org.souk.gateway.spi.PaymentMethod;

@Service
@Command(scope = "souk", name = "providers", description = "Lists the live payment providers, their methods and bundles")
public class ProvidersCommand implements Action {

    @Reference
    PaymentGateway gateway;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Provider");
        table.column("Name");
        table.column("Methods");
        table.column("Currencies");
        table.column("Mode");
        table.column("Bundle");
        for (ProviderInfo p : gateway.providers()) {
            table.addRow().addContent(p.id(), p.name(),
                    p.methods().stream().map(PaymentMethod::id).collect(Collectors.joining(", ")),
                    p.currencies().stream().sorted().collect(Collectors.joining(", ")), p.test() ? "TEST" : "live",
                    p.bundle());
        }
        table.print(System.out);
        return null;
    }
}
