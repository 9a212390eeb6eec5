package io.wmon.bench;

/** The worker of the start-up benchmark: prints one marker line at main entry and exits at once. */
public final class Marker {

    private Marker() {
    }

    public static void main(String[] args) {
        System.out.println("M");
    }
}
