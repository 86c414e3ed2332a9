package org.souk.rest.internal.http;

import java.io.InputStream;
import java.util.function.UnaryOperator;

import org.apache.cxf.io.DelegatingInputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * The body of the request CXF is handling on this thread, replaced at its source. Before CXF writes an
 * answer to a request whose body was not read (a refusal), it drains up to 16 MiB of that body from its
 * own stream, beneath anything a JAX-RS filter puts in front: replacing the stream there keeps the limit
 * for that drain too.
 */
final class CxfRequestBody {

    private CxfRequestBody() {
    }

    /** Replaces the current request's body; false when no CXF request is under way on this thread. */
    static boolean replace(UnaryOperator<InputStream> replacement) {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        DelegatingInputStream body = message == null ? null : message.getContent(DelegatingInputStream.class);
        if (body == null) {
            return false;
        }
        body.setInputStream(replacement.apply(body.getInputStream()));
        return true;
    }
}
