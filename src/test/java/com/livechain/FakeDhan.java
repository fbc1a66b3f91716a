package com.livechain;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.livechain.market.MarketHours;

/**
 * Dhan on loopback for end-to-end tests of live mode, on one MockWebServer: the detailed scrip
 * master (with futures, an expired option, equities, stock options and another index around the
 * NIFTY options, none of which may leak into the chain), the expiry list and option chain REST
 * calls, and the live-feed WebSocket. Expiries are computed from today, so the fixture never ages.
 */
final class FakeDhan implements Closeable {

    static final String CLIENT_ID = "1100123456";
    /** Not a JWT on purpose: no token-shaped string belongs in the repository. */
    static final String TOKEN = "e2e-access-token-7Hq2Lx9Vb4";

    static final int NIFTY_ID = 13;
    static final LocalDate TODAY = MarketHours.today(java.time.Instant.now());
    /** At least two days out, so no test runs into the 15:30 close. */
    static final LocalDate WEEKLY = TODAY.plusDays(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    static final LocalDate MONTHLY = WEEKLY.plusMonths(1).with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
    static final int FIRST_STRIKE = 23000;
    static final int LAST_STRIKE = 26000;
    static final long FIRST_OPTION_ID = 50000;

    private final MockWebServer server = new MockWebServer();
    final List<String> subscriptions = new CopyOnWriteArrayList<>();
    final List<String> feedQueries = new CopyOnWriteArrayList<>();
    final AtomicReference<WebSocket> feed = new AtomicReference<>();
    /** What the expiry list answers: success, or a 401 DH-901 body. */
    volatile boolean refuseToken;
    /** Serve a scrip master without NIFTY options. */
    volatile boolean emptyUniverse;

    FakeDhan() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/api-data/api-scrip-master-detailed.csv")) {
                    return new MockResponse.Builder().body(emptyUniverse ? header() : scripMaster()).build();
                }
                if (path.startsWith("/v2/") && !TOKEN.equals(request.getHeaders().get("access-token")) || refuseToken) {
                    return new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                            .body("{\"errorType\":\"Invalid_Authentication\",\"errorCode\":\"DH-901\","
                                    + "\"errorMessage\":\"Client ID or user generated access token is invalid or expired.\"}")
                            .build();
                }
                if (path.equals("/v2/optionchain/expirylist")) {
                    return json("{\"data\":[\"" + WEEKLY + "\",\"" + MONTHLY + "\"],\"status\":\"success\"}");
                }
                if (path.equals("/v2/optionchain")) {
                    return json(optionChain());
                }
                if (path.equals("/feed")) {
                    feedQueries.add(request.getUrl().query());
                    return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket webSocket, Response response) {
                            feed.set(webSocket);
                        }

                        @Override
                        public void onMessage(WebSocket webSocket, String text) {
                            subscriptions.add(text);
                        }
                    }).build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        server.start();
    }

    URI restUrl() {
        return URI.create(server.url("/v2").toString());
    }

    URI instrumentsUrl() {
        return URI.create(server.url("/api-data/api-scrip-master-detailed.csv").toString());
    }

    URI feedUrl() {
        return URI.create("ws://" + server.getHostName() + ":" + server.getPort() + "/feed");
    }

    /**
     * Points a live-mode app at this Dhan: credentials as properties, only NIFTY, the three URLs, a
     * throttle of milliseconds instead of Dhan's 3 s, and a credential store in {@code store}.
     */
    void registerLiveMode(DynamicPropertyRegistry registry, Path store) {
        registry.add("livechain.mode", () -> "live");
        registry.add("livechain.underlyings", () -> "NIFTY");
        registry.add("livechain.dhan.client-id", () -> CLIENT_ID);
        registry.add("livechain.dhan.access-token", () -> TOKEN);
        registry.add("livechain.dhan.rest-url", this::restUrl);
        registry.add("livechain.dhan.instruments-url", this::instrumentsUrl);
        registry.add("livechain.dhan.feed-url", this::feedUrl);
        registry.add("livechain.dhan.rest.option-chain-interval", () -> "10ms");
        registry.add("livechain.credentials.db", () -> store.resolve("credentials.db").toString());
    }

    void send(byte[] frame) {
        feed.get().send(ByteString.of(frame));
    }

    static long ceId(LocalDate expiry, int strike) {
        return optionId(expiry, strike);
    }

    static long peId(LocalDate expiry, int strike) {
        return optionId(expiry, strike) + 1;
    }

    /** Strikes 50 apart within 1000 points of 24500, 100 apart beyond: Dhan's NIFTY ladder. */
    static List<Integer> strikes() {
        List<Integer> strikes = new java.util.ArrayList<>();
        for (int k = FIRST_STRIKE; k <= LAST_STRIKE; k += (k >= 24000 && k < 25000) ? 50 : 100) {
            strikes.add(k);
        }
        return strikes;
    }

    private static long optionId(LocalDate expiry, int strike) {
        int index = strikes().indexOf(strike);
        return FIRST_OPTION_ID + (expiry.equals(WEEKLY) ? 0 : 1000) + 2L * index;
    }

    private static String header() {
        return "EXCH_ID,SEGMENT,SECURITY_ID,ISIN,INSTRUMENT,UNDERLYING_SECURITY_ID,UNDERLYING_SYMBOL,SYMBOL_NAME,"
                + "DISPLAY_NAME,INSTRUMENT_TYPE,SERIES,LOT_SIZE,SM_EXPIRY_DATE,STRIKE_PRICE,OPTION_TYPE,TICK_SIZE,"
                + "EXPIRY_FLAG,BRACKET_FLAG,COVER_FLAG,ASM_GSM_FLAG,ASM_GSM_CATEGORY,BUY_SELL_INDICATOR,\n"
                + "NSE,I,13,NA,INDEX,13,NIFTY,NIFTY,Nifty 50,INDEX,NA,1.0,0001-01-01,,XX,0.0500,N,N,N,N,NA,A,\n"
                + "NSE,I,25,NA,INDEX,25,BANKNIFTY,BANKNIFTY,Nifty Bank,INDEX,NA,1.0,0001-01-01,,XX,0.0500,N,N,N,N,NA,A,\n"
                + "NSE,E,2885,INE002A01018,EQUITY,,,RELIANCE,\"Reliance Industries, Ltd\",ES,EQ,1.0,0001-01-01,,XX,0.0500,N,N,N,N,NA,A,\n";
    }

    private static String scripMaster() {
        StringBuilder csv = new StringBuilder(header());
        for (LocalDate expiry : List.of(WEEKLY, MONTHLY)) {
            for (int strike : strikes()) {
                row(csv, ceId(expiry, strike), "NIFTY", "26000", expiry, strike + ".00000", "CE", "75.0");
                row(csv, peId(expiry, strike), "NIFTY", "26000", expiry, strike + ".00000", "PE", "75.0");
            }
        }
        // Noise that must not leak into the NIFTY chain.
        csv.append("NSE,D,60001,NA,FUTIDX,26000,NIFTY,NIFTY-Dec2026-FUT,NIFTY DEC FUT,FUTIDX,NA,75.0,")
                .append(MONTHLY).append(" 14:30:00,-0.01000,XX,5.0000,M,N,N,N,NA,A,\n");
        row(csv, 60002, "NIFTY", "26000", TODAY.minusDays(7), "24500.00000", "CE", "75.0");
        csv.append("NSE,D,60003,NA,OPTSTK,2885,RELIANCE,RELIANCE-Dec2026-1400-CE,RELIANCE 1400 CALL,OP,NA,500.0,")
                .append(MONTHLY).append(" 14:30:00,1400.00000,CE,5.0000,M,N,N,N,NA,A,\n");
        row(csv, 60004, "BANKNIFTY", "26009", MONTHLY, "55000.00000", "CE", "35.0");
        return csv.toString();
    }

    private static void row(StringBuilder csv, long id, String underlying, String underlyingId, LocalDate expiry,
                            String strike, String type, String lot) {
        csv.append("NSE,D,").append(id).append(",NA,OPTIDX,").append(underlyingId).append(',').append(underlying)
                .append(',').append(underlying).append("-x,\"").append(underlying).append(' ').append(strike).append(' ')
                .append(type).append("\",OP,NA,").append(lot).append(',').append(expiry).append(" 14:30:00,")
                .append(strike).append(',').append(type).append(",5.0000,W,N,N,N,NA,A,\n");
    }

    /** The NIFTY weekly snapshot: the 24500 straddle priced, the rest of the chain untraded (Dhan writes 0). */
    private static String optionChain() {
        return "{\"data\":{\"last_price\":24512.35,\"oc\":{"
                + "\"24500.000000\":{"
                + "\"ce\":{\"last_price\":112.5,\"oi\":5432100,\"previous_close_price\":98.2,\"previous_oi\":5311800,"
                + "\"previous_volume\":900000,\"security_id\":" + ceId(WEEKLY, 24500) + ",\"top_ask_price\":112.6,"
                + "\"top_ask_quantity\":300,\"top_bid_price\":112.3,\"top_bid_quantity\":750,\"volume\":1200345,"
                + "\"implied_volatility\":13.4,\"greeks\":{\"delta\":0.51,\"theta\":-14.2,\"gamma\":0.0008,\"vega\":12.9}},"
                + "\"pe\":{\"last_price\":95.15,\"oi\":4100000,\"previous_close_price\":101.0,\"previous_oi\":4000000,"
                + "\"security_id\":" + peId(WEEKLY, 24500) + ",\"top_ask_price\":95.2,\"top_ask_quantity\":150,"
                + "\"top_bid_price\":95.1,\"top_bid_quantity\":450,\"volume\":980000}},"
                + "\"24550.000000\":{\"ce\":{\"last_price\":0,\"oi\":0,\"security_id\":" + ceId(WEEKLY, 24550) + "}}"
                + "}},\"status\":\"success\"}";
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
