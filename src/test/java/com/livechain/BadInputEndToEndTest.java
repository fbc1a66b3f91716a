package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Junk in every parameter and in the request itself: each answer is a 4xx with a body that says what is wrong,
 * never a 5xx, never a stack trace or an exception class. Values are sent percent-encoded through a normal
 * client, and raw over a socket for what no client would send (broken escapes, bytes that are not UTF-8,
 * control characters, odd methods, oversized lines); each raw request, wrong method, media type and path has
 * the one status it must get, and who gives it (the API's problem+json or Tomcat's own refusal).
 */
class BadInputEndToEndTest extends LiveAgainstSimulator {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a leaked stack trace or exception looks like in a body. */
    static final List<String> LEAKS = List.of("Exception", "exception", "\tat ", "at com.", "at org.", "at java.",
            "java.lang", "springframework", "Caused by", "stackTrace", "\"trace\"", "Apache Tomcat/");

    /** Values that have broken parsers elsewhere: empty, blank, huge, signs, radixes, scripts, separators. */
    static final List<String> JUNK = List.of("", " ", "\t", "null", "undefined", "NaN", "Infinity", "-Infinity",
            "0", "-0", "-1", "+1", "1.5", "1e3", "0x10", "010", "2147483647", "2147483648", "-2147483649",
            "99999999999999999999999", "1001", "١٢", "𝟙𝟚", "five", "NIFTY,BANKNIFTY", "NIFTY;DROP TABLE x", "' OR 1=1 --",
            "<script>alert(1)</script>", "../../etc/passwd", "..%2F..%2F", "%s%n%x", "${jndi:ldap://x/a}",
            "#{7*7}", "{{7*7}}", "\u0000", "\r\nX-Injected: 1", "NIFTY\u0000", "nifty ", "ＮＩＦＴＹ", "NİFTY",
            "🙂", "\uD800", "a".repeat(10_000), "2026-02-30", "2026-13-01", "2026-1-1", "26-11-27", "2026/11/27",
            "27-11-2026", "+999999999-12-31", "-999999999-01-01", "0000-00-00", "2026-11-27T15:30:00",
            "2026-11-27 ", " 2026-11-27", "today", "[]", "{}", "true");

    @Test
    void everyQueryParameterWithJunkGetsAClear4xx() {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        SplittableRandom random = new SplittableRandom(Long.getLong("livechain.badinput.seed", 3L));
        List<String> values = new ArrayList<>(JUNK);
        for (int i = 0; i < 40; i++) {
            values.add(randomString(random));
        }
        for (String value : values) {
            String v = URLEncoder.encode(value, StandardCharsets.UTF_8);
            for (String query : List.of("underlying=" + v, "underlying=NIFTY&expiry=" + v,
                    "underlying=NIFTY&strikes=" + v, "underlying=" + v + "&expiry=" + v + "&strikes=" + v,
                    "underlying=NIFTY&" + v + "=" + v)) {
                requests++;
                check(failures, "/options/live?" + query, send("/options/live?" + query));
            }
            requests++;
            check(failures, "/options/underlyings?" + v, send("/options/underlyings?x=" + v));
        }
        assertThat(failures).as("of %d requests", requests).isEmpty();
    }

    @Test
    void repeatedAndMissingParametersAreNamed() {
        HttpResponse<String> repeated = send("/options/live?underlying=NIFTY&underlying=BANKNIFTY");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(repeated.body()).contains("underlying");
        HttpResponse<String> missing = send("/options/live?expiry=2026-11-27");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("'underlying' is required");
        HttpResponse<String> badStrikes = send("/options/live?underlying=NIFTY&strikes=0");
        assertThat(badStrikes.statusCode()).isEqualTo(400);
        assertThat(badStrikes.body()).contains("'strikes'").contains("1 to 1000");
        assertThat(badStrikes.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void wrongMethodsMediaTypesAndPathsAre4xxWithoutATrace() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/options/live?underlying=NIFTY"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"underlying\":\"NIFTY\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            check(failures, method + " /options/live", response, 405);
        }
        for (String accept : List.of("text/html", "application/xml", "image/png", "junk", "*/*;q=junk", ";;;")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/options/live?underlying=NIFTY"))
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
            // None of these accepts JSON, so none can be answered: 406, nothing else.
            check(failures, "Accept: " + accept, response, 406);
        }
        for (String path : List.of("/options", "/options/", "/options/live/NIFTY", "/options/live/../underlyings",
                "/options/%2e%2e/actuator/env", "/actuator/env", "/actuator/heapdump", "/actuator/configprops",
                "/actuator/threaddump", "/actuator/loggers", "/actuator/beans", "/actuator/mappings", "/error",
                "/v2/optionchain", "/.env", "/WEB-INF/web.xml")) {
            HttpResponse<String> response = send(path);
            // Nothing is mapped there (the actuator exposes health, info and prometheus only): 404, nothing else.
            check(failures, path, response, 404);
        }
        assertThat(failures).isEmpty();
    }

    /** Who is expected to answer a raw request: the API, Tomcat before it, or the API with a real chain. */
    enum Answerer {
        /** The API's own refusal: application/problem+json. */
        API("application/problem+json"),
        /** Tomcat's refusal of a request it cannot parse, before any servlet: its plain error page. */
        TOMCAT("text/html"),
        /** A request Tomcat decoded into a valid one (a path parameter is dropped): the chain itself. */
        CHAIN("application/json");

        final String contentType;

        Answerer(String contentType) {
            this.contentType = contentType;
        }
    }

    /** A raw request and the one answer it must get. */
    record Raw(String request, int status, Answerer answerer) {
        static Raw get(String target, int status, Answerer answerer) {
            return new Raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", status, answerer);
        }
    }

    @Test
    void requestsNoClientWouldSendGetTheirOneRightAnswerWithoutATrace() throws Exception {
        String niftyHeaders = "GET /options/live?underlying=NIFTY HTTP/1.1\r\nHost: localhost\r\n";
        List<Raw> requests = List.of(
                // Broken escapes, bytes that are not UTF-8, empty names: the API's "cannot be decoded" 400.
                Raw.get("/options/live?underlying=%zz", 400, Answerer.API),
                Raw.get("/options/live?underlying=%", 400, Answerer.API),
                Raw.get("/options/live?underlying=%0", 400, Answerer.API),
                Raw.get("/options/live?underlying=%00", 400, Answerer.API),
                Raw.get("/options/live?underlying=%C3%28", 400, Answerer.API),
                Raw.get("/options/live?underlying=%FF%FE", 400, Answerer.API),
                Raw.get("/options/live?expiry=%ED%A0%80", 400, Answerer.API),
                Raw.get("/options/live?underlying=NIFTY&strikes=%E2%80%AE5", 400, Answerer.API),
                Raw.get("/options/live?underlying=NIFTY&&&&&=&=", 400, Answerer.API),
                Raw.get("/options/live?=", 400, Answerer.API),
                Raw.get("/options/live?underlying", 400, Answerer.API),
                // '#' may not appear in a request target; Tomcat refuses it.
                Raw.get("/options/live?underlying=NIFTY#frag", 400, Answerer.TOMCAT),
                // A path parameter is not part of the path: this is GET /options/live?underlying=NIFTY.
                Raw.get("/options/live;jsessionid=x?underlying=NIFTY", 200, Answerer.CHAIN),
                // Request lines past Tomcat's 8 KiB header limit.
                Raw.get("/options/live?" + "underlying=NIFTY&".repeat(3_000), 400, Answerer.TOMCAT),
                Raw.get("/options/live?underlying=" + "A".repeat(20_000), 400, Answerer.TOMCAT),
                // A non-UTF-8 byte, a control character and a space in the request target.
                Raw.get("/options/live?underlying=NI\u00ffFTY", 400, Answerer.TOMCAT),
                Raw.get("/options/live?underlying=NI\u0001FTY", 400, Answerer.TOMCAT),
                Raw.get("/options/live?underlying=NI FTY", 400, Answerer.TOMCAT),
                // A made-up method reaches the API, which allows GET only.
                new Raw("BREW /options/live?underlying=NIFTY HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        405, Answerer.API),
                new Raw(niftyHeaders + "X-Junk: \u0001\u0002\r\nConnection: close\r\n\r\n", 400, Answerer.TOMCAT),
                // A made-up protocol version: 505 is the protocol's own answer, not a server fault.
                new Raw("GET /options/live?underlying=NIFTY HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        505, Answerer.TOMCAT),
                new Raw(niftyHeaders + "Content-Length: -1\r\nConnection: close\r\n\r\n", 400, Answerer.TOMCAT),
                new Raw(niftyHeaders + "X-Big: " + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n", 400, Answerer.TOMCAT),
                new Raw("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003 TLS client hello on plain HTTP\r\n\r\n",
                        400, Answerer.TOMCAT));
        List<String> failures = new ArrayList<>();
        for (Raw raw : requests) {
            String answer = raw(bytes(raw.request()));
            String what = abbreviate(raw.request().substring(0, Math.min(raw.request().length(), 80)));
            int status = rawStatus(answer);
            String contentType = rawHeader(answer, "Content-Type");
            if (status != raw.status() || contentType == null || !contentType.startsWith(raw.answerer().contentType)) {
                failures.add(what + ": expected " + raw.status() + " " + raw.answerer().contentType + " (" + raw.answerer()
                        + "), answered " + (status == -1 ? "nothing" : status + " " + contentType) + ": " + abbreviate(answer));
            }
            if (raw.answerer() == Answerer.API && !answer.contains("\"detail\"")) {
                failures.add(what + ": a problem without a detail: " + abbreviate(answer));
            }
            if (raw.answerer() == Answerer.CHAIN && !answer.contains("\"symbol\":\"NIFTY\"")) {
                failures.add(what + ": not the NIFTY chain: " + abbreviate(answer));
            }
            for (String leak : LEAKS) {
                if (answer.contains(leak)) {
                    failures.add(what + " leaked \"" + leak + "\": " + abbreviate(answer));
                }
            }
        }
        assertThat(failures).as("of %d raw requests", requests.size()).isEmpty();
    }

    @Test
    void aQueryStringThatCannotBeDecodedIsA400NotA500() throws Exception {
        for (String query : List.of("underlying=%zz", "underlying=%E2%82", "underlying=NIFTY&=", "=NIFTY")) {
            String answer = raw(bytes("GET /options/live?" + query + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            assertThat(rawStatus(answer)).as(query).isEqualTo(400);
            assertThat(answer).as(query).contains("application/problem+json").contains("query string cannot be decoded")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void everyJunkWebSocketMessageGetsAnErrorReplyAndTheSocketStaysUsable() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> messages = new ArrayList<>(List.of("", " ", "null", "true", "42", "\"NIFTY\"", "[]", "[{}]", "{}",
                "{", "}", "{\"underlying\":", "{\"underlying\":\"NIFTY\"", "{'underlying':'NIFTY'}",
                "{\"underlying\":null}", "{\"underlying\":42}", "{\"underlying\":[\"NIFTY\"]}",
                "{\"underlying\":{\"a\":1}}", "{\"underlying\":true}", "{\"underlying\":\"NIFTY\",\"expiry\":42}",
                "{\"underlying\":\"NIFTY\",\"expiry\":[]}", "{\"underlying\":\"NIFTY\",\"strikes\":5}",
                "{\"underlying\":\"NIFTY\",\"underlying\":\"BANKNIFTY\",\"x\":1}", "{\"__proto__\":{}}",
                "{\"underlying\":\"NIFTY\"}{\"underlying\":\"NIFTY\"}", "\u0000", "\uFEFF{}",
                "[".repeat(3_000) + "]".repeat(3_000), "{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000),
                "{\"underlying\":\"" + "N".repeat(6_000) + "\"}"));
        for (String junk : JUNK) {
            if (junk.length() > 4_000) {
                continue; // past the 8 KiB message limit, which closes the socket: see the next test
            }
            String quoted = JSON.writeValueAsString(junk);
            messages.add("{\"underlying\":" + quoted + "}");
            messages.add("{\"underlying\":\"NIFTY\",\"expiry\":" + quoted + "}");
            messages.add(junk);
        }
        // A lone surrogate cannot go in a text frame at all: the client refuses to send it.
        messages.removeIf(m -> !StandardCharsets.UTF_8.newEncoder().canEncode(m));
        int replies = 0;
        try (TextSocket socket = TextSocket.open(http, port)) {
            for (String message : messages) {
                socket.send(message);
                String reply = socket.next(Duration.ofSeconds(5));
                // Once some junk has trimmed to a valid subscription ("nifty ", "NIFTY\u0000"), deltas flow too.
                while (reply != null && reply.startsWith("{\"type\":\"delta\"")) {
                    reply = socket.next(Duration.ofSeconds(5));
                }
                String what = abbreviate(message);
                if (reply == null) {
                    failures.add(what + ": no reply" + (socket.isOpen() ? "" : ", socket closed " + socket.closed));
                    break;
                }
                replies++;
                JsonNode json = JSON.readTree(reply);
                if (json.path("type").asString().equals("snapshot")) {
                    // Surrounding blanks and control characters are trimmed, as GET /options/live trims them.
                    if (!message.contains("NIFTY") && !message.contains("nifty")) {
                        failures.add(what + ": answered a snapshot");
                    }
                } else if (!json.path("type").asString().equals("error") || json.path("detail").asString().isBlank()) {
                    failures.add(what + ": answered " + abbreviate(reply));
                }
                for (String leak : LEAKS) {
                    if (reply.contains(leak)) {
                        failures.add(what + " leaked \"" + leak + "\": " + abbreviate(reply));
                    }
                }
            }
            socket.sendBinary(new byte[] {0x08, (byte) 0xa2, 0, 2});
            String binaryReply = socket.next(Duration.ofSeconds(5));
            while (binaryReply != null && binaryReply.startsWith("{\"type\":\"delta\"")) {
                binaryReply = socket.next(Duration.ofSeconds(5));
            }
            assertThat(binaryReply).contains("\"type\":\"error\"").contains("text frame");
            // After all that, the same socket still serves a chain.
            socket.send("{\"underlying\":\"nifty\"}");
            String snapshot = socket.next(Duration.ofSeconds(10));
            while (snapshot != null && snapshot.startsWith("{\"type\":\"delta\"")) {
                snapshot = socket.next(Duration.ofSeconds(10));
            }
            assertThat(snapshot).as("a snapshot after the junk").contains("\"type\":\"snapshot\"");
            assertThat(socket.isOpen()).isTrue();
        }
        assertThat(failures).as("of %d messages, %d replies", messages.size(), replies).isEmpty();
    }

    @Test
    void aWebSocketMessageOverTheSizeLimitClosesTheSocketWith1009AndNoReply() throws Exception {
        try (TextSocket socket = TextSocket.open(http, port)) {
            socket.send("{\"underlying\":\"" + "N".repeat(200_000) + "\"}");
            // Tomcat's 8 KiB text buffer: 1009 Message Too Big, a protocol answer, before the handler sees a byte.
            Integer code;
            try {
                code = socket.closed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notClosed) {
                code = null;
            }
            String reply = socket.next(Duration.ZERO);
            assertThat(code).as("close code (still open: %s; replied: %s)", code == null, reply).isEqualTo(1009);
            assertThat(reply).as("a reply before the close").isNull();
        }
    }

    @Test
    void aPlainRequestToTheWebSocketPathIsA400SayingToUpgrade() {
        HttpResponse<String> response = send("/ws/options");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Can \"Upgrade\" only to \"WebSocket\".");
        for (String leak : LEAKS) {
            assertThat(response.body()).doesNotContain(leak);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void check(List<String> failures, String what, HttpResponse<String> response) {
        check(failures, what, response, 200, 400, 404);
    }

    private static void check(List<String> failures, String what, HttpResponse<String> response, int... allowed) {
        int status = response.statusCode();
        boolean ok = false;
        for (int a : allowed) {
            ok |= status == a;
        }
        String shortWhat = abbreviate(what);
        if (!ok) {
            failures.add(shortWhat + " answered " + status + ": " + abbreviate(response.body()));
        }
        for (String leak : LEAKS) {
            if (response.body().contains(leak)) {
                failures.add(shortWhat + " leaked \"" + leak + "\": " + abbreviate(response.body()));
            }
        }
        if (status >= 400 && status < 500 && status != 405 && status != 406 && !transportLevel(response)
                && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            failures.add(shortWhat + " answered " + status + " without a problem+json body: " + abbreviate(response.body()));
        }
        if (status == 400 && !response.body().contains("Parameter '") && !response.body().contains("query string")
                && !transportLevel(response)) {
            failures.add(shortWhat + " answered 400 without naming the parameter: " + abbreviate(response.body()));
        }
    }

    /**
     * A refusal before the API's own handling: Tomcat's for a request line over its 8 KiB header limit, Boot's
     * error page for a path under WEB-INF or {@code /error} itself. A plain 400/404 body is fine there, as long
     * as nothing leaks.
     */
    private static boolean transportLevel(HttpResponse<String> response) {
        String path = response.uri().getPath();
        return response.uri().toString().length() > 8_000 || path.startsWith("/WEB-INF") || path.equals("/error");
    }

    private HttpResponse<String> send(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private java.net.URI uri(String pathAndQuery) {
        return java.net.URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Sends bytes as they are and reads until the server closes (or 5 s pass). */
    private String raw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // The server may refuse a request line before it is all sent; what it answered is still read.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException resetOrTimeout) {
                // A reset after the answer, or silence: judged on what arrived.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The value of a header in a raw HTTP answer, or {@code null}. */
    private static String rawHeader(String answer, String name) {
        int end = answer.indexOf("\r\n\r\n");
        for (String line : (end < 0 ? answer : answer.substring(0, end)).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The status of a raw HTTP answer, -1 when the server closed without one. */
    private static int rawStatus(String answer) {
        if (!answer.startsWith("HTTP/1.1 ") || answer.length() < 12) {
            return -1;
        }
        return Integer.parseInt(answer.substring(9, 12));
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String randomString(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(1, 40);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20, 0x7F);
                case 1 -> random.nextInt(0, 0x20);
                case 2 -> random.nextInt(0x80, 0x800);
                default -> random.nextInt(0x1F300, 0x1F650);
            };
            sb.appendCodePoint(codePoint);
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
