package org.souk.rest.internal.http;

import java.io.InputStream;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.metatype.annotations.Designate;
import org.souk.rest.internal.RestConfig;
import org.souk.rest.internal.SoukApplication;

/**
 * Caps every request body at {@code max.body.bytes} (PID {@code org.souk.rest}, 1 MiB by default). A body
 * announced larger is refused on its headers, unread; one without a length (chunked) is refused as soon
 * as it passes the limit. Either way the answer is 413 and nothing past the limit is read.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = RestConfig.PID)
@Designate(ocd = RestConfig.class)
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Priority(Priorities.AUTHENTICATION - 100)
@PreMatching // before resource matching: a body sent to no resource (404, 405, 415) is not drained either
public class BodyLimitFilter implements ContainerRequestFilter {

    static final long DEFAULT_MAX_BODY_BYTES = RestConfig.DEFAULT_MAX_BODY_BYTES;

    private volatile long maxBodyBytes;

    @Activate
    public BodyLimitFilter(RestConfig config) {
        modified(config);
    }

    BodyLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Modified
    void modified(RestConfig config) {
        maxBodyBytes = config.max_body_bytes() > 0 ? config.max_body_bytes() : DEFAULT_MAX_BODY_BYTES;
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long max = maxBodyBytes;
        String announced = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (announced != null) {
            long length;
            try {
                length = Long.parseLong(announced.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > max) {
                // Nothing of it is read, not even by CXF's clean-up before it answers.
                CxfRequestBody.replace(body -> InputStream.nullInputStream());
                throw new BodyTooLargeException(max);
            }
        }
        if (!CxfRequestBody.replace(body -> new LimitedInputStream(body, max)) && request.getEntityStream() != null) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), max));
        }
    }
}
