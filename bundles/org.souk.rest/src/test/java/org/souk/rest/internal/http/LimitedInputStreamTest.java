package org.souk.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    /** A body that never ends, like a chunked upload that keeps coming; counts what was taken from it. */
    static final class Endless extends InputStream {
        long taken;

        @Override
        public int read() {
            taken++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = 'x';
            }
            taken += len;
            return len;
        }
    }

    @Test
    void aBodyWithinTheLimitReadsWhole() throws Exception {
        byte[] body = new byte[1000];
        assertThat(new LimitedInputStream(new ByteArrayInputStream(body), 1000).readAllBytes()).hasSize(1000);
        assertThat(new LimitedInputStream(new ByteArrayInputStream(new byte[0]), 1).readAllBytes()).isEmpty();
    }

    @Test
    void anEndlessBodyIsRefusedOneBytePastTheLimit() {
        Endless endless = new Endless();
        LimitedInputStream in = new LimitedInputStream(endless, 1000);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("body: must be at most 1000 bytes");
        assertThat(endless.taken).isEqualTo(1001);
        assertThatThrownBy(in::read).isInstanceOf(BodyTooLargeException.class);
        assertThat(endless.taken).isEqualTo(1001);
    }

    @Test
    void byteBySkipOrBufferTheLimitHolds() throws Exception {
        Endless single = new Endless();
        LimitedInputStream bytes = new LimitedInputStream(single, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(bytes.read()).isEqualTo('x');
        }
        assertThatThrownBy(bytes::read).isInstanceOf(BodyTooLargeException.class);
        assertThat(single.taken).isEqualTo(11);

        Endless skipped = new Endless();
        assertThatThrownBy(() -> new LimitedInputStream(skipped, 10).skip(1_000_000))
                .isInstanceOf(BodyTooLargeException.class);
        assertThat(skipped.taken).isEqualTo(11);

        Endless buffered = new Endless();
        LimitedInputStream big = new LimitedInputStream(buffered, 10);
        assertThat(big.read(new byte[8], 0, 8)).isEqualTo(8);
        assertThat(big.read(new byte[8], 0, 2)).isEqualTo(2);
        assertThatThrownBy(() -> big.read(new byte[8192], 0, 8192)).isInstanceOf(BodyTooLargeException.class);
        assertThat(buffered.taken).isEqualTo(11);
    }
}
