package io.wmon.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a Redis port whether it answers, over a raw socket and without any client library, so
 * that readiness checks cost one short connection and never depend on pool or client state.
 */
final class RedisPing {

    /** Connect and read timeout of one check, in milliseconds: a local server answers in well under 1 ms. */
    static final int CHECK_TIMEOUT_MILLIS = 250;
    /** Pause between two checks while waiting, in milliseconds: short, since a server starts in a few ms. */
    private static final long POLL_MILLIS = 2;
    private static final Pattern PROCESS_ID = Pattern.compile("process_id:(\\d+)");

    private RedisPing() {
    }

    /** True when the server replies to PING (any RESP reply counts, e.g. {@code -NOAUTH}). */
    static boolean answers(String host, int port) {
        return request(host, port, "PING") != null;
    }

    /** True when the server replies {@code +PONG}: it is up and serving commands. */
    static boolean pongs(String host, int port) {
        String reply = request(host, port, "PING");
        return reply != null && reply.startsWith("+PONG");
    }

    /** The {@code process_id} reported by {@code INFO server}, or -1 when the port does not tell. */
    static long processId(String host, int port) {
        String reply = request(host, port, "INFO server");
        if (reply == null) {
            return -1;
        }
        Matcher matcher = PROCESS_ID.matcher(reply);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /**
     * Sends one inline command and returns the reply, or null when none came (a {@code SHUTDOWN}
     * closes the connection without one).
     */
    static String send(String host, int port, String inlineCommand) {
        return request(host, port, inlineCommand);
    }

    /** Waits until the port no longer answers; returns false when it still answers after {@code timeout}. */
    static boolean awaitSilence(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers(host, port)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep();
        }
        return true;
    }

    /** Waits until the server replies {@code +PONG}; returns false when it did not within {@code timeout}. */
    static boolean awaitPong(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pongs(host, port)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep();
        }
        return true;
    }

    /** Sleeps one poll interval; keeps the interrupt flag and returns early when interrupted. */
    static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends one inline command and returns the reply as text (a bulk reply whole), or null when
     * nothing answered in time: refused, reset, or silent like a stopped process.
     */
    private static String request(String host, int port, String inlineCommand) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CHECK_TIMEOUT_MILLIS);
            socket.setSoTimeout(CHECK_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            return null;
        }
    }

    private static String readReply(InputStream in) throws IOException {
        String first = readLine(in);
        if (first == null || !first.startsWith("$")) {
            return first;
        }
        int length = Integer.parseInt(first.substring(1));
        if (length < 0) {
            return "";
        }
        byte[] body = in.readNBytes(length);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }
}
