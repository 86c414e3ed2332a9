package org.souk.rest.gate.internal;

import javax.servlet.Filter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The gate where /api/v1 falls while the JAX-RS whiteboard has no Souk application: the default context. */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=souk-api-gate",
        "osgi.http.whiteboard.filter.pattern=/api/v1",
        "osgi.http.whiteboard.filter.pattern=/api/v1/*",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"})
public class DefaultContextGate extends ApiGate {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = ApiGate.GUARD)
    private volatile Filter guard;

    public DefaultContextGate() {
    }

    DefaultContextGate(Filter guard) {
        this.guard = guard;
    }

    @Override
    protected Filter guard() {
        return guard;
    }
}
