package org.souk.rest.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * Swagger UI at /api/docs, apart from the API (no token, none of its filters): the page reads the API's
 * description from /api/v1/openapi.json and calls the API with the token given to "Authorize". The files
 * come from the bundle (the build copies them from the swagger-ui webjar; index.html and
 * swagger-initializer.js are Souk's); only those listed here are served.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/docs",
        "osgi.http.whiteboard.servlet.pattern=/api/docs/*",
        "osgi.http.whiteboard.servlet.name=souk-api-docs"})
public class ApiDocsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String FOLDER = "/org/souk/rest/internal/openapi/docs/";
    static final String INDEX = "index.html";

    /** File name to media type: nothing else is answered. */
    static final Map<String, String> FILES = Map.of(
            INDEX, "text/html; charset=UTF-8",
            "swagger-initializer.js", "text/javascript; charset=UTF-8",
            "swagger-ui-bundle.js", "text/javascript; charset=UTF-8",
            "swagger-ui.css", "text/css; charset=UTF-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");

    /**
     * The file a path under /api/docs names: the page for {@code /api/docs} and {@code /api/docs/} (its links
     * are absolute, so both work), null for anything not listed.
     */
    static String fileOf(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/") || pathInfo.isEmpty()) {
            return INDEX;
        }
        String name = pathInfo.substring(1);
        return FILES.containsKey(name) ? name : null;
    }

    /** The bytes of a listed file, from the bundle. */
    static byte[] read(String file) throws IOException {
        try (InputStream in = ApiDocsServlet.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IOException("the bundle holds no " + FOLDER + file);
            }
            return in.readAllBytes();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String file = fileOf(request.getPathInfo());
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body = read(file);
        response.setContentType(FILES.get(file));
        response.setHeader("Cache-Control", INDEX.equals(file) || file.endsWith("initializer.js") ? "no-cache" : "max-age=3600");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
