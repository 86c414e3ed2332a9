package org.souk.rest.gate.internal;

import javax.servlet.Filter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The gate in the Souk application's own servlet context, at /api/v1. */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=souk-api-gate-application",
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + ApiGate.APPLICATION_CONTEXT + ")"})
public class ApplicationContextGate extends ApiGate {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = ApiGate.GUARD)
    private volatile Filter guard;

    public ApplicationContextGate() {
    }

    @Override
    protected Filter guard() {
        return guard;
    }
}
