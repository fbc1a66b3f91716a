package com.livechain;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
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

import com.livechain.analytics.Black76;
import com.livechain.chain.ExchangeSegment;
import com.livechain.dhan.feed.ProtocolPackets;
import com.livechain.market.MarketHours;

/**
 * Dhan on loopback for the latency and load harnesses: a whole NIFTY weekly as the simulator lists it (157
 * strikes from 22,100 to 29,900, 50 apart, 314 legs), every leg priced by {@link #seed()} (a full packet each,
 * Black-76 prices on a smile, with depth and OI, and a previous close), so every leg shows IV and greeks and
 * a body is the 90 KB a trader asking for the whole expiry gets. One MockWebServer serves the scrip master, the
 * expiry list, an empty option-chain snapshot (the feed fills the chain) and the live feed. Not a test.
 */
final class WeeklyChainDhan implements Closeable {

    static final String CLIENT_ID = "1100123456";
    static final String TOKEN = "bench-access-token-3Kp8Wd2Zq5";
    static final int NIFTY_ID = 13;
    static final double SPOT = 26_012.35;
    static final int FIRST_STRIKE = 22_100;
    static final int LAST_STRIKE = 29_900;
    static final int STEP = 50;
    static final long FIRST_OPTION_ID = 50_000;
    /** At least two days out, so no run meets the 15:30 close. */
    static final LocalDate WEEKLY = MarketHours.today(java.time.Instant.now()).plusDays(2)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));

    private final MockWebServer server = new MockWebServer();
    final List<String> subscriptions = new CopyOnWriteArrayList<>();
    final AtomicReference<WebSocket> feed = new AtomicReference<>();

    WeeklyChainDhan() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/api-data/api-scrip-master-detailed.csv")) {
                    return new MockResponse.Builder().body(scripMaster()).build();
                }
                if (!TOKEN.equals(request.getHeaders().get("access-token")) && path.startsWith("/v2/")) {
                    return new MockResponse.Builder().code(401).build();
                }
                if (path.equals("/v2/optionchain/expirylist")) {
                    return json("{\"data\":[\"" + WEEKLY + "\"],\"status\":\"success\"}");
                }
                if (path.equals("/v2/optionchain")) {
                    return json("{\"data\":{\"last_price\":" + SPOT + ",\"oc\":{}},\"status\":\"success\"}");
                }
                if (path.equals("/feed")) {
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

    /** The command-line arguments that point a live-mode app at this Dhan, loopback only. */
    String[] appArguments(Path store) {
        return new String[] {"--server.address=127.0.0.1", "--server.port=0", "--livechain.mode=live",
                "--livechain.underlyings=NIFTY", "--livechain.dhan.client-id=" + CLIENT_ID,
                "--livechain.dhan.access-token=" + TOKEN,
                "--livechain.dhan.rest-url=" + server.url("/v2"),
                "--livechain.dhan.instruments-url=" + server.url("/api-data/api-scrip-master-detailed.csv"),
                "--livechain.dhan.feed-url=ws://" + server.getHostName() + ":" + server.getPort() + "/feed",
                "--livechain.dhan.rest.option-chain-interval=10ms",
                "--livechain.credentials.db=" + store.resolve("credentials.db"), "--logging.level.root=WARN"};
    }

    /** Waits (at most 30 s) for the app's feed socket and its subscription. */
    void awaitSubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (feed.get() == null || subscriptions.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the feed never subscribed");
            }
            Thread.sleep(10);
        }
    }

    void send(byte[] frame) {
        feed.get().send(ByteString.of(frame));
    }

    static int strikes() {
        return (LAST_STRIKE - FIRST_STRIKE) / STEP + 1;
    }

    static long ceId(int strike) {
        return FIRST_OPTION_ID + 2L * ((strike - FIRST_STRIKE) / STEP);
    }

    static long peId(int strike) {
        return ceId(strike) + 1;
    }

    /** A Black-76 premium on a smile, on the 0.05 tick, 5 days out: what the leg's quotes are built around. */
    static double premium(boolean call, int strike) {
        double years = 5.0 / 365;
        double vol = 0.13 + 0.5 * Math.pow(Math.log(strike / SPOT), 2) / years * 0.01;
        return Math.max(0.05, Math.round(Black76.price(call, SPOT, strike, years, 0.10, vol) * 20) / 20.0);
    }

    /** A full packet for a leg: last price {@code price}, bid and ask a tick either side, OI and volume. */
    static byte[] full(long id, double price, long ltt) {
        float p = (float) price;
        return ProtocolPackets.full(ExchangeSegment.NSE_FNO, id, p, ltt, 1_200_000, 800_000, p - 0.05f, 750,
                p + 0.05f, 300);
    }

    /** Frames that price every leg (previous close and a full packet each) and the spot. */
    static List<byte[]> seed() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(ProtocolPackets.frame(ProtocolPackets.ticker(ExchangeSegment.IDX_I, NIFTY_ID, (float) SPOT, 1L),
                ProtocolPackets.prevClose(ExchangeSegment.IDX_I, NIFTY_ID, 25_900f, 0)));
        for (int k = FIRST_STRIKE; k <= LAST_STRIKE; k += STEP) {
            List<byte[]> packets = new ArrayList<>();
            for (boolean call : new boolean[] {true, false}) {
                long id = call ? ceId(k) : peId(k);
                double price = premium(call, k);
                packets.add(ProtocolPackets.prevClose(ExchangeSegment.NSE_FNO, id, (float) (price * 1.05), 750_000));
                packets.add(full(id, price, 1L));
            }
            frames.add(ProtocolPackets.frame(packets.toArray(new byte[0][])));
        }
        return frames;
    }

    private static String scripMaster() {
        StringBuilder csv = new StringBuilder(
                "EXCH_ID,SEGMENT,SECURITY_ID,ISIN,INSTRUMENT,UNDERLYING_SECURITY_ID,UNDERLYING_SYMBOL,SYMBOL_NAME,"
                        + "DISPLAY_NAME,INSTRUMENT_TYPE,SERIES,LOT_SIZE,SM_EXPIRY_DATE,STRIKE_PRICE,OPTION_TYPE,TICK_SIZE,"
                        + "EXPIRY_FLAG,BRACKET_FLAG,COVER_FLAG,ASM_GSM_FLAG,ASM_GSM_CATEGORY,BUY_SELL_INDICATOR,\n"
                        + "NSE,I,13,NA,INDEX,13,NIFTY,NIFTY,Nifty 50,INDEX,NA,1.0,0001-01-01,,XX,0.0500,N,N,N,N,NA,A,\n");
        for (int k = FIRST_STRIKE; k <= LAST_STRIKE; k += STEP) {
            for (String type : new String[] {"CE", "PE"}) {
                long id = type.equals("CE") ? ceId(k) : peId(k);
                csv.append("NSE,D,").append(id).append(",NA,OPTIDX,26000,NIFTY,NIFTY-x,\"NIFTY ").append(k).append(' ')
                        .append(type).append("\",OP,NA,75.0,").append(WEEKLY).append(" 14:30:00,").append(k)
                        .append(".00000,").append(type).append(",5.0000,W,N,N,N,NA,A,\n");
            }
        }
        return csv.toString();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
