package io.wmon.bench;

/** The worker of the heap benchmark: prints its pid, then does nothing until it is killed. */
public final class IdleWorker {

    private IdleWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
    }
}
