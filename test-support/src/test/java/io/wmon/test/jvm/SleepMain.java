package io.wmon.test.jvm;

/** A grandchild JVM that sleeps until it is killed, whatever happens to its parent or its stdin. */
public final class SleepMain {

    private SleepMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
