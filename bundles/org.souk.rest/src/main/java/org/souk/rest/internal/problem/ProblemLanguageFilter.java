package org.souk.rest.internal.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.souk.rest.internal.SoukApplication;

/**
 * Every problem the API answers, whoever built it (the exception mapper, a filter that refuses), speaks the
 * caller's language: its {@code detail} follows {@code Accept-Language} (see {@link ProblemMessages}) and
 * the answer says which one it is in with {@code Content-Language}. The {@code code}, {@code type} and the
 * fields' names stay as they are: they are for programs.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
public class ProblemLanguageFilter implements ContainerResponseFilter {

    private final ProblemMessages messages;

    public ProblemLanguageFilter() {
        this(ProblemMessages.load());
    }

    ProblemLanguageFilter(ProblemMessages messages) {
        this.messages = messages;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || !MediaType.valueOf(Problems.PROBLEM_JSON).isCompatible(type)
                || !(response.getEntity() instanceof Map<?, ?> problem) || !(problem.get("code") instanceof String code)) {
            return; // not a problem, or one replayed as it was first written
        }
        ProblemMessages.Localized localized = messages.localize(
                ProblemMessages.language(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)), code, problem);
        Map<Object, Object> body = new LinkedHashMap<>(problem);
        body.put("detail", localized.detail());
        response.setEntity(body, response.getEntityAnnotations(), type);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, localized.language());
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
