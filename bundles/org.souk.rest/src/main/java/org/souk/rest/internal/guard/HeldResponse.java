package org.souk.rest.internal.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * A response that keeps a 404 or a 500 to itself until the guard has looked at it: while the API is being
 * rebuilt, CXF answers an HTML "No service was found." and a resource may fail for want of a service that
 * just left. Every other answer goes straight through, streamed as usual.
 */
final class HeldResponse extends HttpServletResponseWrapper {

    private int status = SC_OK;
    private boolean held;
    private String errorMessage;
    private boolean errorSent;
    private ByteArrayOutputStream body;
    private ServletOutputStream stream;
    private PrintWriter writer;

    HeldResponse(HttpServletResponse response) {
        super(response);
    }

    static boolean holds(int status) {
        return status == SC_NOT_FOUND || status == SC_INTERNAL_SERVER_ERROR;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
        super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String message) throws IOException {
        if (holds(sc) && body == null) {
            status = sc;
            held = true;
            errorSent = true;
            errorMessage = message;
            return;
        }
        super.sendError(sc, message);
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream != null) {
            return stream;
        }
        if (!startHolding()) {
            return super.getOutputStream();
        }
        stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("a held answer is written blocking");
            }
        };
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer != null) {
            return writer;
        }
        if (!startHolding()) {
            return super.getWriter();
        }
        writer = new PrintWriter(new OutputStreamWriter(body, charset()));
        return writer;
    }

    /** Holds the body when the status is one to look at before it leaves. */
    private boolean startHolding() {
        if (body == null && holds(status) && !super.isCommitted()) {
            body = new ByteArrayOutputStream();
            held = true;
        }
        return body != null;
    }

    private Charset charset() {
        try {
            return getCharacterEncoding() == null ? StandardCharsets.ISO_8859_1 : Charset.forName(getCharacterEncoding());
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!held) {
            super.flushBuffer();
        } else if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public boolean isCommitted() {
        return !held && super.isCommitted();
    }

    /** A 404 or 500 is waiting for the guard's decision. */
    boolean held() {
        return held;
    }

    /** The held answer is a page, not one of the API's JSON documents: CXF's own "No service was found.". */
    boolean isPage() {
        String type = getContentType();
        return errorSent || type == null || type.startsWith("text/html");
    }

    /** Sends the held answer as it was written. */
    void release() throws IOException {
        if (!held) {
            return;
        }
        held = false;
        if (errorSent) {
            super.sendError(status, errorMessage);
            return;
        }
        if (writer != null) {
            writer.flush();
        }
        body.writeTo(super.getOutputStream());
        super.flushBuffer();
    }

    /** Drops the held answer, status and headers included, for another one. */
    void discard() {
        held = false;
        body = null;
        super.reset();
    }
}
