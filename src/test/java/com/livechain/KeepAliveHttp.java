package com.livechain;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP/1.1 GET over one keep-alive loopback socket, for the latency and load harnesses: the least client work
 * between two reads (no pool, no selector thread, no body object per response: the body lands in a buffer this
 * client keeps). Tomcat closes a connection after 100 requests ({@code Connection: close}); the next request
 * opens a new one. Not thread-safe: one per thread.
 */
final class KeepAliveHttp implements AutoCloseable {

    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] body = new byte[128 * 1024];
    private int length;
    private int status;
    /** Connections opened, the first included. */
    private int connections;

    KeepAliveHttp(int port) throws IOException {
        if (port <= 0) {
            throw new IllegalArgumentException("port " + port);
        }
        this.port = port;
        open();
    }

    private void open() throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        connections++;
    }

    /** Sends a GET and reads the whole response; {@link #status()}, {@link #body()} and {@link #length()} hold it. */
    KeepAliveHttp get(String path) throws IOException {
        if (socket.isClosed()) {
            open();
        }
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("GET " + path + " answered " + statusLine);
        }
        status = Integer.parseInt(statusLine.substring(9, 12));
        int contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        length = 0;
        if (!chunked) {
            read(contentLength);
        } else {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                read(size);
                line();
            }
            line();
        }
        if (close) {
            socket.close();
        }
        return this;
    }

    private void read(int n) throws IOException {
        if (length + n > body.length) {
            body = Arrays.copyOf(body, Math.max(2 * body.length, length + n));
        }
        int got = in.readNBytes(body, length, n);
        if (got != n) {
            throw new IOException("connection closed after " + got + " of " + n + " bytes");
        }
        length += n;
    }

    int status() {
        return status;
    }

    /** The last response's body: {@link #length()} bytes from 0, valid until the next request. */
    byte[] body() {
        return body;
    }

    int length() {
        return length;
    }

    /** A copy of the last body, for keeping. */
    byte[] bodyCopy() {
        return Arrays.copyOf(body, length);
    }

    int connections() {
        return connections;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    /** Where {@code needle} starts in the last body at or after {@code from}, or -1. */
    int indexOf(byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
