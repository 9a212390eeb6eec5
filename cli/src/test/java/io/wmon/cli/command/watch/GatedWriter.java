package io.wmon.cli.command.watch;

import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Output that a test can hold: once {@link #holdNextWrite()} is called, the next write blocks the
 * writing thread until {@link #release()}, as a terminal that stopped reading (Ctrl-S, a full pipe) would.
 */
final class GatedWriter extends StringWriter {

    private volatile CountDownLatch gate;
    private final CountDownLatch blocked = new CountDownLatch(1);

    void holdNextWrite() {
        gate = new CountDownLatch(1);
    }

    /** Waits until a writer is blocked on the gate. */
    void awaitBlocked() throws InterruptedException {
        if (!blocked.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("nothing was written within 10 s");
        }
    }

    void release() {
        CountDownLatch open = gate;
        gate = null;
        if (open != null) {
            open.countDown();
        }
    }

    private void pass() {
        CountDownLatch closed = gate;
        if (closed != null) {
            blocked.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void write(int c) {
        pass();
        super.write(c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        pass();
        super.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
        pass();
        super.write(str, off, len);
    }
}
