package io.wmon.bench;

/**
 * The worker of the start-up benchmark: prints the marker line {@code M} at main entry and exits
 * at once; with an argument, first sleeps that many milliseconds and prints {@code X}, so that the
 * time from {@code X} to the exit is the shutdown of a JVM whose agent has finished starting.
 */
public final class Marker {

    private Marker() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("M");
        if (args.length > 0) {
            Thread.sleep(Long.parseLong(args[0]));
            System.out.println("X");
        }
    }
}
