package com.livechain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's floor under {@link TickToVisibleLatency}: how long one thread takes to wake another, and a
 * one-byte round trip over loopback TCP (two wake-ups), with idle gaps between samples as between ticks.
 * Tick to visible is four such hand-offs plus the work; if these alone were milliseconds at p99, no code
 * change could meet a 1 ms target on the machine.
 *
 * <p>Run: {@code java -cp <test classpath> com.livechain.WakeUpLatency [samples]}. Not a test.
 */
public final class WakeUpLatency {

    private static volatile long sentAt;
    private static volatile long took;

    private WakeUpLatency() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long[] nanos = new long[samples];

        Thread waiter = new Thread(() -> {
            while (true) {
                LockSupport.park();
                long sent = sentAt;
                if (sent != 0) {
                    took = System.nanoTime() - sent;
                    sentAt = 0;
                }
            }
        }, "waiter");
        waiter.setDaemon(true);
        waiter.start();
        Thread.sleep(100);
        for (int i = 0; i < samples; i++) {
            idle();
            sentAt = System.nanoTime();
            LockSupport.unpark(waiter);
            while (sentAt != 0) {
                Thread.onSpinWait();
            }
            nanos[i] = took;
        }
        TickToVisibleLatency.print("unpark -> parked thread running", nanos);

        try (ServerSocket server = new ServerSocket(0)) {
            Thread echo = new Thread(() -> echo(server), "echo");
            echo.setDaemon(true);
            echo.start();
            try (Socket socket = new Socket("127.0.0.1", server.getLocalPort())) {
                socket.setTcpNoDelay(true);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < samples; i++) {
                    idle();
                    long start = System.nanoTime();
                    out.write(1);
                    in.read();
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        TickToVisibleLatency.print("loopback TCP round trip, 1 byte", nanos);
    }

    private static void idle() {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000, 1_000_000));
    }

    private static void echo(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int c = in.read(); c >= 0; c = in.read()) {
                out.write(c);
            }
        } catch (IOException e) {
            // the client closed: done
        }
    }
}
