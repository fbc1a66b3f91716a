package com.livechain.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare RFC 6455 client over a socket, for what OkHttp will not do: it never answers pings by itself, so a
 * test can be the client that stops ponging, and it shows ping frames as they arrive.
 */
public final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 1;
    static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    static final int PONG = 10;

    public record Frame(int opcode, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public final int status;

    private RawWebSocket(Socket socket, int status) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.status = status;
    }

    /** Opens the handshake to {@code feedUrl} with {@code query}; {@link #status} is the HTTP status answered. */
    public static RawWebSocket connect(URI feedUrl, String query) throws IOException {
        Socket socket = new Socket(feedUrl.getHost(), feedUrl.getPort());
        socket.setSoTimeout(5000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /?" + query + " HTTP/1.1\r\n"
                + "Host: " + feedUrl.getHost() + ":" + feedUrl.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        while (!line(in).isEmpty()) {
            // Skip the response headers.
        }
        return new RawWebSocket(socket, status);
    }

    /** The next frame, or null if the server closed the TCP connection (or nothing came within the timeout). */
    public Frame read(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(b0 & 0x0F, payload);
        } catch (EOFException | SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            if (socket.isClosed()) {
                return null;
            }
            return null;
        }
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendPong(byte[] payload) throws IOException {
        send(PONG, payload);
    }

    /** Client frames are masked (RFC 6455 §5.3). */
    private void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
