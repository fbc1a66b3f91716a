package com.livechain.simulator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.livechain.market.MarketHours;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.SimIndex;
import com.livechain.simulator.market.SimLeg;
import com.livechain.simulator.market.SimulatedChain;
import com.livechain.simulator.market.SimulatedMarketTest;
import com.livechain.simulator.rest.RestServletTest.Answer;

class HistoryServletTest {

    /** The simulator starts on Thursday 26 Nov 2026, 10:30 IST: its past ends with Wednesday 25 Nov. */
    private static final LocalDate YESTERDAY = LocalDate.of(2026, 11, 25);
    private static final Set<String> SERIES = Set.of("iv", "oi", "strike", "spot", "open", "high", "low", "close",
            "volume", "timestamp");
    private static DhanSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = start(42L);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static DhanSimulator start(long seed) {
        return DhanSimulator.start(SimulatorProperties.builder().seed(seed).realTime(false)
                .dataApiRequestsPerSecond(1000).build(), Clock.fixed(SimulatedMarketTest.THURSDAY_MORNING, ZoneOffset.UTC));
    }

    private static String rolling(long securityId, String segment, String flag, int code, String strike, String type,
                                  String interval, String from, String to, String... fields) {
        return "{\"exchangeSegment\":\"" + segment + "\",\"interval\":\"" + interval + "\",\"securityId\":" + securityId
                + ",\"instrument\":\"OPTIDX\",\"expiryFlag\":\"" + flag + "\",\"expiryCode\":" + code
                + ",\"strike\":\"" + strike + "\",\"drvOptionType\":\"" + type + "\",\"requiredData\":[\""
                + String.join("\",\"", fields) + "\"],\"fromDate\":\"" + from + "\",\"toDate\":\"" + to + "\"}";
    }

    private static String niftyAtm(String type, String interval, LocalDate from, LocalDate to) {
        return rolling(13, "NSE_FNO", "MONTH", 1, "ATM", type, interval, from.toString(), to.toString(),
                "iv", "strike", "spot");
    }

    private static Answer post(DhanSimulator dhan, String path, String body) throws IOException {
        return RestServletTest.post(dhan, path, body, dhan.credentials());
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void rollingOptionAnswersTheDocumentedShapeWithOneBarPerMinute() throws IOException {
        Answer answer = post(simulator, "/charts/rollingoption", niftyAtm("CALL", "1", YESTERDAY, YESTERDAY));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(fieldNames(answer.json())).as("a bare object: no status").containsExactly("data");
        JsonNode data = answer.json().get("data");
        assertThat(data.get("pe").isNull()).isTrue();
        JsonNode ce = data.get("ce");
        assertThat(fieldNames(ce)).containsExactlyInAnyOrderElementsOf(SERIES);
        assertThat(ce.get("open").isEmpty()).as("not requested").isTrue();
        assertThat(ce.get("oi").isEmpty()).isTrue();
        assertThat(ce.get("timestamp").size()).isEqualTo(375);
        assertThat(ce.get("iv").size()).isEqualTo(375);
        assertThat(ce.get("spot").size()).isEqualTo(375);
        long open = YESTERDAY.atTime(9, 15).atZone(MarketHours.IST).toEpochSecond();
        assertThat(ce.get("timestamp").get(0).asLong()).isEqualTo(open);
        assertThat(ce.get("timestamp").get(374).asLong()).isEqualTo(open + 374 * 60);
        for (JsonNode strike : ce.get("strike")) {
            assertThat(strike.asDouble() % 50).as("on NIFTY's 50-point grid").isZero();
        }
        double spot = ce.get("spot").get(200).asDouble();
        double strike = ce.get("strike").get(200).asDouble();
        assertThat(Math.abs(strike - spot)).as("ATM is the strike nearest the index").isLessThanOrEqualTo(25.0);
        for (JsonNode iv : ce.get("iv")) {
            assertThat(iv.asDouble()).isBetween(4.0, 40.0);
        }
    }

    @Test
    void coarserBarsFollowTheSessionGrid() throws IOException {
        JsonNode five = post(simulator, "/charts/rollingoption", niftyAtm("PUT", "5", YESTERDAY, YESTERDAY)).json();
        JsonNode hour = post(simulator, "/charts/rollingoption", niftyAtm("PUT", "60", YESTERDAY, YESTERDAY)).json();

        assertThat(five.get("data").get("ce").isNull()).isTrue();
        assertThat(five.get("data").get("pe").get("timestamp").size()).isEqualTo(75);
        JsonNode hours = hour.get("data").get("pe").get("timestamp");
        assertThat(hours.size()).as("09:15, 10:15 ... 15:15 stub").isEqualTo(7);
        assertThat(hours.get(6).asLong() - hours.get(0).asLong()).isEqualTo(6 * 3600);
    }

    @Test
    void theSameRequestGetsTheSameAnswerAndAnotherSeedAnotherPast() throws IOException {
        String request = niftyAtm("CALL", "15", YESTERDAY.minusDays(20), YESTERDAY);
        String first = post(simulator, "/charts/rollingoption", request).text();

        assertThat(post(simulator, "/charts/rollingoption", request).text()).isEqualTo(first);
        try (DhanSimulator same = start(42L); DhanSimulator other = start(43L)) {
            assertThat(post(same, "/charts/rollingoption", request).text()).isEqualTo(first);
            // Not only another starting level: the seed draws the path of the volatility too.
            double[] mine = doubles(RestServletTest.MAPPER.readTree(first).get("data").get("ce").get("iv"));
            double[] theirs = doubles(post(other, "/charts/rollingoption", request).json().get("data").get("ce").get("iv"));
            double largest = 0;
            for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
                largest = Math.max(largest, Math.abs(mine[i] - theirs[i]));
            }
            assertThat(largest).isGreaterThan(0.5);
        }
    }

    @Test
    void weekendsHolidaysAndTodayHaveNoBars() throws IOException {
        LocalDate saturday = LocalDate.of(2026, 11, 21);
        LocalDate diwaliBalipratipada = LocalDate.of(2026, 11, 10);
        assertThat(saturday.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        for (LocalDate day : List.of(saturday, diwaliBalipratipada, YESTERDAY.plusDays(1))) {
            JsonNode data = post(simulator, "/charts/rollingoption", niftyAtm("CALL", "1", day, day)).json().get("data");
            assertThat(data.get("pe").isNull()).isTrue();
            for (String series : SERIES) {
                assertThat(data.get("ce").get(series).isEmpty()).as(day + " " + series).isTrue();
            }
        }
        // A range across the holiday has the days around it only: 9, 11 and 12 November.
        JsonNode around = post(simulator, "/charts/rollingoption",
                niftyAtm("CALL", "60", LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 12))).json();
        assertThat(around.get("data").get("ce").get("timestamp").size()).isEqualTo(3 * 7);
    }

    @Test
    void toDateIsInclusive() throws IOException {
        JsonNode two = post(simulator, "/charts/rollingoption",
                niftyAtm("CALL", "60", LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 20))).json();
        assertThat(two.get("data").get("ce").get("timestamp").size()).isEqualTo(2 * 7);
    }

    @Test
    void moreThanThirtyDaysInOneCallIsRefusedAsDhanDoes() throws IOException {
        Answer tooLong = post(simulator, "/charts/rollingoption",
                niftyAtm("CALL", "60", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 3)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errorCode").asString()).isEqualTo("DH-905");
        assertThat(tooLong.json().get("errorType").asString()).isEqualTo("Input_Exception");
        assertThat(tooLong.json().get("errorMessage").asString()).contains("30 days");

        // The docs' own example, 1 Aug to 1 Sep, is 31 days apart and passes.
        Answer docsExample = post(simulator, "/charts/rollingoption",
                niftyAtm("CALL", "60", LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 1)));
        assertThat(docsExample.status()).isEqualTo(200);
    }

    @Test
    void strikesBeyondTheRangeAndBseIndicesUnderNseAnswerEmptyArrays() throws IOException {
        String day = YESTERDAY.toString();
        for (String body : List.of(
                rolling(13, "NSE_FNO", "MONTH", 1, "ATM+11", "CALL", "60", day, day, "iv"),
                rolling(13, "NSE_FNO", "MONTH", 2, "ATM-4", "CALL", "60", day, day, "iv"),
                rolling(13, "NSE_FNO", "MONTH", 1, "+1", "CALL", "60", day, day, "iv"),
                rolling(51, "NSE_FNO", "MONTH", 1, "ATM", "CALL", "60", day, day, "iv"),
                rolling(25, "NSE_FNO", "WEEK", 1, "ATM", "CALL", "60", day, day, "iv"))) {
            Answer answer = post(simulator, "/charts/rollingoption", body);
            assertThat(answer.status()).as(body).isEqualTo(200);
            assertThat(answer.json().get("data").get("ce").get("iv").isEmpty()).as(body).isTrue();
        }
        Answer sensex = post(simulator, "/charts/rollingoption",
                rolling(51, "BSE_FNO", "WEEK", 1, "ATM+10", "CALL", "60", day, day, "iv", "strike", "spot"));
        JsonNode ce = sensex.json().get("data").get("ce");
        assertThat(ce.get("iv").size()).isEqualTo(7);
        assertThat(ce.get("strike").get(6).asDouble() - 1000)
                .isCloseTo(Math.round(ce.get("spot").get(6).asDouble() / 100) * 100.0, within(1e-9));
    }

    @Test
    void badParametersAre400Dh905() throws IOException {
        String day = YESTERDAY.toString();
        List<String> bodies = List.of(
                rolling(13, "NSE_FNO", "MONTH", 0, "ATM", "CALL", "1", day, day, "iv"),
                rolling(13, "NSE_FNO", "MONTH", 1, "ATM", "CALL", "25", day, day, "iv"),
                rolling(13, "NSE_FNO", "DAY", 1, "ATM", "CALL", "1", day, day, "iv"),
                rolling(13, "NSE_FNO", "MONTH", 1, "ATM", "CE", "1", day, day, "iv"),
                rolling(13, "NSE_FNO", "MONTH", 1, "ATM", "CALL", "1", day, day, "gamma"),
                rolling(13, "NSE_FNO", "MONTH", 1, "ATM", "CALL", "1", "25-11-2026", day, "iv"),
                rolling(13, "NSE_FNO", "MONTH", 1, "ATM", "CALL", "1", day, "2026-11-01", "iv"),
                "[]");
        for (String body : bodies) {
            Answer answer = post(simulator, "/charts/rollingoption", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().get("errorCode").asString()).as(body).isEqualTo("DH-905");
        }
    }

    @Test
    void aBadTokenIs401Dh901() throws IOException {
        Answer answer = RestServletTest.post(simulator, "/charts/rollingoption",
                niftyAtm("CALL", "1", YESTERDAY, YESTERDAY), new com.livechain.credentials.DhanCredentials(
                        simulator.credentials().clientId(), "not-the-token"));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("errorCode").asString()).isEqualTo("DH-901");
    }

    @Test
    void moreThanTheDataApiLimitInASecondIsDh904() throws IOException {
        try (DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(1L).realTime(false)
                .dataApiRequestsPerSecond(2).build(), Clock.fixed(SimulatedMarketTest.THURSDAY_MORNING, ZoneOffset.UTC))) {
            String saturday = niftyAtm("CALL", "60", LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 21));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(post(dhan, "/charts/rollingoption", saturday).status());
            }
            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(dhan.counters().restRateLimited()).isEqualTo(1);
        }
    }

    /**
     * The past ends where the present begins: the last session closes at the live index's previous close, and the
     * IV history's value that day (mean ATM call and put IV of the nearest monthly with 7 days left) is within
     * a quarter point of the live chain's ATM IV for that expiry.
     */
    @Test
    void theLastSessionOfThePastMeetsTheLiveMarket() throws IOException {
        // On 25 Nov the November monthly (24 Nov) has expired: the nearest monthly is 29 Dec, 34 days out.
        LocalDate expiry = LocalDate.of(2026, 12, 29);
        assertThat(simulator.market().expiries("NIFTY")).contains(expiry);
        JsonNode call = post(simulator, "/charts/rollingoption", niftyAtm("CALL", "1", YESTERDAY, YESTERDAY)).json()
                .get("data").get("ce");
        JsonNode put = post(simulator, "/charts/rollingoption", niftyAtm("PUT", "1", YESTERDAY, YESTERDAY)).json()
                .get("data").get("pe");
        double pastIv = (call.get("iv").get(374).asDouble() + put.get("iv").get(374).asDouble()) / 2;

        SimIndex nifty = simulator.market().indices().get(0);
        double prevClose;
        synchronized (simulator.market()) {
            prevClose = nifty.prevClose;
        }
        assertThat(call.get("spot").get(374).asDouble()).isCloseTo(prevClose, within(0.05));

        SimulatedChain chain = simulator.market().chain("NIFTY", expiry);
        SimulatedChain.Strike atm = chain.strikes().stream()
                .min((a, b) -> Double.compare(Math.abs(a.strike() - chain.lastPrice()), Math.abs(b.strike() - chain.lastPrice())))
                .orElseThrow();
        double liveIv = (atm.ce().impliedVolatility() + atm.pe().impliedVolatility()) / 2;
        assertThat(pastIv).isCloseTo(liveIv, within(0.25));
    }

    @Test
    void intradayCandlesOfTheIndexHaveTheRecordedShape() throws IOException {
        String body = "{\"securityId\":\"13\",\"exchangeSegment\":\"IDX_I\",\"instrument\":\"INDEX\",\"interval\":\"5\","
                + "\"oi\":false,\"fromDate\":\"2026-11-19 00:00:00\",\"toDate\":\"2026-11-26 00:00:00\"}";
        Answer answer = post(simulator, "/charts/intraday", body);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("open", "high", "low", "close", "volume", "timestamp");
        // Sessions 19, 20, 23 and 25 November (21-22 a weekend, 24 Guru Nanak Jayanti), 75 five-minute bars each.
        assertThat(json.get("timestamp").size()).isEqualTo(4 * 75);
        assertThat(json.get("timestamp").get(0).isFloatingPointNumber()).as("timestamps as floats, as recorded").isTrue();
        assertThat(json.get("timestamp").get(0).asLong())
                .isEqualTo(LocalDate.of(2026, 11, 19).atTime(9, 15).atZone(MarketHours.IST).toEpochSecond());
        double[] open = doubles(json.get("open"));
        double[] high = doubles(json.get("high"));
        double[] low = doubles(json.get("low"));
        double[] close = doubles(json.get("close"));
        for (int i = 0; i < open.length; i++) {
            assertThat(high[i]).isGreaterThanOrEqualTo(Math.max(open[i], close[i]));
            assertThat(low[i]).isLessThanOrEqualTo(Math.min(open[i], close[i]));
        }
        double prevClose;
        synchronized (simulator.market()) {
            prevClose = simulator.market().indices().get(0).prevClose;
        }
        assertThat(close[close.length - 1]).isCloseTo(prevClose, within(0.05));
    }

    @Test
    void intradayCandlesOfAListedOptionCarryOpenInterestWhenAsked() throws IOException {
        SimLeg leg = simulator.market().indices().get(0).expiries.get(0).calls[40];
        String body = "{\"securityId\":\"" + leg.securityId + "\",\"exchangeSegment\":\"NSE_FNO\",\"instrument\":"
                + "\"OPTIDX\",\"interval\":\"15\",\"oi\":true,\"fromDate\":\"2026-11-25\",\"toDate\":\"2026-11-26\"}";
        JsonNode json = post(simulator, "/charts/intraday", body).json();

        assertThat(json.get("close").size()).isEqualTo(25);
        assertThat(json.get("open_interest").size()).isEqualTo(25);
        for (JsonNode price : json.get("close")) {
            assertThat(price.asDouble()).isGreaterThanOrEqualTo(0.05);
        }
    }

    @Test
    void intradayRefusesMoreThanNinetyDaysAndUnknownInstruments() throws IOException {
        Answer tooLong = post(simulator, "/charts/intraday", "{\"securityId\":\"13\",\"exchangeSegment\":\"IDX_I\","
                + "\"instrument\":\"INDEX\",\"interval\":\"1\",\"fromDate\":\"2026-01-01\",\"toDate\":\"2026-04-02\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errorCode").asString()).isEqualTo("DH-905");

        Answer unknown = post(simulator, "/charts/intraday", "{\"securityId\":\"99\",\"exchangeSegment\":\"IDX_I\","
                + "\"instrument\":\"INDEX\",\"interval\":\"1\",\"fromDate\":\"2026-11-25\",\"toDate\":\"2026-11-26\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errorMessage").asString()).contains("(813)");
    }

    @Test
    void theOptionChainApiStillAnswersBesideTheCharts() throws IOException {
        Answer answer = post(simulator, "/optionchain/expirylist", "{\"UnderlyingScrip\":13,\"UnderlyingSeg\":\"IDX_I\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(post(simulator, "/charts/historical", "{}").status()).isEqualTo(404);
    }

}
