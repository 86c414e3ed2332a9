package org.souk.rest.internal.resource.payment;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.souk.gateway.api.AvailableMethod;
import org.souk.gateway.api.PaymentGateway;
import org.souk.rest.internal.SoukApplication;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The payment methods of the providers deployed right now. */
@Component(service = PaymentMethodsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Path("payment-methods")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "payment methods", description = "The payment methods of the providers deployed right now")
public class PaymentMethodsResource {

    private final PaymentGateway gateway;

    @Activate
    public PaymentMethodsResource(@Reference PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @GET
    @Operation(operationId = "listPaymentMethods", summary = "The payment methods one can pay with now")
    public List<AvailableMethod> list() {
        return gateway.methods();
    }
}
