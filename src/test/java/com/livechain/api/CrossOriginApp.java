package com.livechain.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on the simulator with {@code livechain.cors.allowed-origins} listing a frontend's origin, and two
 * such frontends: small JDK HTTP servers on other loopback ports, each serving {@code cross-origin/page.html}, one
 * on the allowed origin and one on an origin that is not listed. The test classes that extend this share one
 * application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.mode=simulated",
        "livechain.underlyings=NIFTY",
        "livechain.simulator.listing=near",
        "livechain.credentials.db=target/cross-origin-e2e/credentials.db"})
abstract class CrossOriginApp {

    static final PageServer ALLOWED = PageServer.start();
    static final PageServer REFUSED = PageServer.start();
    /** A second listed origin: the setting is a comma-separated list, spaces allowed. */
    static final String DEV_SERVER = "http://localhost:5173";

    @DynamicPropertySource
    static void allowedOrigins(DynamicPropertyRegistry registry) {
        registry.add("livechain.cors.allowed-origins", () -> DEV_SERVER + ", " + ALLOWED.origin());
    }

    /** A frontend's own server: {@code /page.html} on {@code http://127.0.0.1:<port>}. */
    record PageServer(HttpServer server) {

        static PageServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/page.html", exchange -> {
                    byte[] page;
                    try (InputStream in = CrossOriginApp.class.getResourceAsStream("/cross-origin/page.html")) {
                        page = in.readAllBytes();
                    }
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, page.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(page);
                    }
                });
                server.start();
                PageServer started = new PageServer(server);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
                return started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }
}
