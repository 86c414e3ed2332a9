package org.souk.rest.internal.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may be read up to a limit. It never asks the connection for more than one byte past
 * the limit: that byte proves the body too large, and the read fails with {@link BodyTooLargeException}.
 */
final class LimitedInputStream extends InputStream {

    private final InputStream in;
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        checkLimit();
        int b = in.read();
        if (b >= 0) {
            count++;
            checkLimit();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkLimit();
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
        if (n > 0) {
            count += n;
            checkLimit();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Through read, so that skipped bytes count as well.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), Math.max(0, limit + 1 - count));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void checkLimit() {
        if (count > limit) {
            throw new BodyTooLargeException(limit);
        }
    }
}
