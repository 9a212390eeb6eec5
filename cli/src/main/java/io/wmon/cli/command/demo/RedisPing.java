package io.wmon.cli.command.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One raw {@code PING} with a short timeout, to find out whether a Redis answers on a port without
 * a client library, a pool or a retry: the demo asks this of {@code 127.0.0.1:6379} before starting
 * a Redis of its own.
 */
final class RedisPing {

    private RedisPing() {
    }

    /**
     * The first line of the reply ({@code +PONG}, or {@code -NOAUTH …} for a Redis that wants a
     * password), or {@code null} when nothing answers within {@code timeout} (connect and read each).
     */
    static String reply(String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readLine(socket.getInputStream());
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a Redis answers {@code PONG} there. */
    static boolean pong(String host, int port, Duration timeout) {
        return "+PONG".equals(reply(host, port, timeout));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 256; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.length() == 0 ? null : line.toString();
    }
}
