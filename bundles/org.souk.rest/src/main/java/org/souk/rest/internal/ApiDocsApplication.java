package org.souk.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Swagger UI at /api/docs, apart from the API: no token, none of the API's filters. The page reads the
 * API's description from /api/v1/openapi.json and calls the API with the token given to "Authorize".
 */
@Component(service = Application.class)
@JaxrsApplicationBase(ApiDocsApplication.BASE)
@JaxrsName(ApiDocsApplication.NAME)
public class ApiDocsApplication extends Application {

    static final String BASE = "api/docs";
    static final String NAME = "souk-docs";
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
