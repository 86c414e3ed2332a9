package org.souk.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** The one JAX-RS application of Souk; resources and extensions join it through the whiteboard. */
@Component(service = Application.class)
@JaxrsApplicationBase(SoukApplication.BASE)
@JaxrsName(SoukApplication.NAME)
public class SoukApplication extends Application {

    public static final String BASE = "api/v1";
    public static final String NAME = "souk";
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
