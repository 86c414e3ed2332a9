package org.souk.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The Swagger UI page and its files, from the bundle (the build copies them from the swagger-ui webjar;
 * index.html and swagger-initializer.js are Souk's). Only the files listed here are served.
 */
@Component(service = ApiDocsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ApiDocsApplication.SELECT)
@Path("/")
@Hidden
public class ApiDocsResource {

    static final String FOLDER = "/org/souk/rest/internal/docs/";
    static final String INDEX = "index.html";

    /** File name to media type: nothing else is answered. */
    static final Map<String, String> FILES = Map.of(
            INDEX, "text/html; charset=UTF-8",
            "swagger-initializer.js", "text/javascript; charset=UTF-8",
            "swagger-ui-bundle.js", "text/javascript; charset=UTF-8",
            "swagger-ui.css", "text/css; charset=UTF-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");

    /** {@code /api/docs} and {@code /api/docs/}: the page (its links are absolute, so both work). */
    @GET
    public Response page() {
        return file(INDEX);
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = ApiDocsResource.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new NotFoundException();
            }
            CacheControl cache = new CacheControl();
            cache.setMaxAge(INDEX.equals(file) || file.endsWith("initializer.js") ? 0 : 3600);
            return Response.ok(in.readAllBytes(), type).cacheControl(cache).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " from the bundle", e);
        }
    }
}
