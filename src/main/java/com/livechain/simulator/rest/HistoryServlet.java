package com.livechain.simulator.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.chain.ExchangeSegment;
import com.livechain.market.MarketHours;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.admin.SimulatorFaults;
import com.livechain.simulator.market.SimIndex;
import com.livechain.simulator.market.SimInstrument;
import com.livechain.simulator.market.SimLeg;
import com.livechain.simulator.market.SimulatedMarket;
import com.livechain.simulator.market.SimulatedPast;

/**
 * Dhan's chart endpoints over the simulated past ({@link SimulatedPast}): {@code POST /v2/charts/rollingoption}
 * (protocol §7.5) and {@code POST /v2/charts/intraday} (§7.2), with their shapes (§7.3, §7.5), limits and errors.
 * Checks run in the order of the option-chain servlet: auth (401 DH-901), input (400 DH-905), rate limit (429 DH-904).
 *
 * <p>What the simulator settles where Dhan's documentation is silent or disputed, following the live observations
 * the protocol records: rolling-option {@code toDate} is inclusive; a window of more than 31 days between
 * {@code fromDate} and {@code toDate} is refused with DH-905 (31 lets the docs' own example, 1 Aug to 1 Sep,
 * through); interval 25 and expiry code 0 are refused with DH-905; a strike beyond ATM±10 (ATM±3 past the nearest
 * expiry), a malformed strike, or an index asked under the wrong F&amp;O segment answer 200 with every array empty;
 * a session with no trading (weekend, holiday, before the past begins, the simulator's own today) has no bars.
 * Intraday takes {@code YYYY-MM-DD HH:mm:ss} or {@code YYYY-MM-DD} (IST), both ends inclusive, at most 90 days.
 */
public final class HistoryServlet extends HttpServlet {

    private static final String JSON = "application/json";
    private static final Pattern STRIKE = Pattern.compile("ATM(?:([+-])(\\d{1,2}))?");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> ROLLING_FIELDS = Set.of("open", "high", "low", "close", "iv", "volume", "strike",
            "oi", "spot");
    /** Rolling-option windows: the docs' "upto 30 days", read so that their own example (31 days apart) passes. */
    static final int MAX_ROLLING_DAYS = 31;
    static final int MAX_INTRADAY_DAYS = 90;

    private final SimulatedMarket market;
    private final SimulatedPast past;
    private final SimulatorAuth auth;
    private final SimulatorFaults faults;
    private final SimulatorCounters counters;
    private final SimulatorProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Accepted chart requests within the last second: Dhan's Data-API limit. */
    private final Deque<Long> lastSecond = new ArrayDeque<>();

    public HistoryServlet(SimulatedMarket market, long seed, SimulatorAuth auth, SimulatorFaults faults,
                          SimulatorCounters counters, SimulatorProperties properties) {
        this.market = market;
        // The seam for the exchange calendar: swap WEEKDAYS_AND_2026_HOLIDAYS for its isTradingDay.
        this.past = new SimulatedPast(market, seed, SimulatedPast.WEEKDAYS_AND_2026_HOLIDAYS);
        this.auth = auth;
        this.faults = faults;
        this.counters = counters;
        this.properties = properties;
    }

    /** The past this servlet answers from, for tests that recompute what it said. */
    public SimulatedPast past() {
        return past;
    }

    /** A request that breaks a rule, answered 400 DH-905 with this message. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        counters.onRestRequest();
        if (faults.restOutage()) {
            counters.onRestError();
            response.setStatus(502);
            response.setContentType("text/html");
            response.getWriter().write("<html><head><title>502 Bad Gateway</title></head>"
                    + "<body><center><h1>502 Bad Gateway</h1></center></body></html>");
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        boolean rolling = path.equals("/rollingoption");
        if (!rolling && !path.equals("/intraday")) {
            error(response, 404, "Input_Exception", "DH-905", "No such API: " + request.getMethod() + " /v2/charts" + path);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            error(response, 405, "Input_Exception", "DH-905", "Use POST for /v2/charts" + path);
            return;
        }
        if (auth.check(request.getHeader("client-id"), request.getHeader("access-token")) != SimulatorAuth.Check.OK) {
            counters.onRestUnauthorized();
            error(response, 401, "Invalid_Authentication", "DH-901",
                    "Client ID or user generated access token is invalid or expired.");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(request.getInputStream().readAllBytes());
        } catch (JacksonException e) {
            body = null;
        }
        try {
            if (body == null || !body.isObject()) {
                throw new Refused("Request body must be a JSON object");
            }
            Supplier<ObjectNode> answer = rolling ? rollingOption(body) : intraday(body);
            if (!admit()) {
                counters.onRestRateLimited();
                error(response, 429, "Rate_Limit", "DH-904", "Too many requests on server from single user breaching "
                        + "rate limits. Try throttling API calls.");
                return;
            }
            write(response, 200, answer.get());
        } catch (Refused e) {
            error(response, 400, "Input_Exception", "DH-905", e.getMessage());
        }
    }

    /** Checks the request; the answer is made only once the rate limit admits it. */
    private Supplier<ObjectNode> rollingOption(JsonNode body) throws Refused {
        String segment = text(body, "exchangeSegment");
        int interval = interval(body, Set.of(1, 5, 15, 60));
        SimIndex index = market.indexById(securityId(body));
        String instrument = text(body, "instrument");
        if (!instrument.equals("OPTIDX") && !instrument.equals("OPTSTK")) {
            throw new Refused("instrument must be OPTIDX or OPTSTK");
        }
        String flag = text(body, "expiryFlag");
        if (!flag.equals("WEEK") && !flag.equals("MONTH")) {
            throw new Refused("expiryFlag must be WEEK or MONTH");
        }
        JsonNode codeNode = body.get("expiryCode");
        if (codeNode == null || !codeNode.isIntegralNumber() || codeNode.asInt() < 1 || codeNode.asInt() > 3) {
            throw new Refused("expiryCode is required: 1 (current), 2 (next) or 3 (far)");
        }
        int code = codeNode.asInt();
        String strike = text(body, "strike");
        String type = text(body, "drvOptionType");
        if (!type.equals("CALL") && !type.equals("PUT")) {
            throw new Refused("drvOptionType must be CALL or PUT");
        }
        JsonNode required = body.get("requiredData");
        if (required == null || !required.isArray() || required.isEmpty()) {
            throw new Refused("requiredData must list the series wanted: open, high, low, close, iv, volume, strike, oi, spot");
        }
        Set<String> wanted = new java.util.HashSet<>();
        for (JsonNode field : required) {
            if (!field.isString() || !ROLLING_FIELDS.contains(field.stringValue())) {
                throw new Refused("requiredData holds an unknown series: " + field);
            }
            wanted.add(field.stringValue());
        }
        LocalDate from = date(body, "fromDate");
        LocalDate to = date(body, "toDate");
        if (to.isBefore(from)) {
            throw new Refused("toDate must not be before fromDate");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_ROLLING_DAYS) {
            throw new Refused("Date range exceeds the limit: expired options data is available for upto 30 days in a "
                    + "single API call");
        }

        Integer offset = strikeOffset(strike, code);
        boolean segmentMatches = index != null && index.spec.optionSegment().name().equals(segment);
        return () -> {
            boolean none = index == null || offset == null || !segmentMatches || instrument.equals("OPTSTK");
            SimulatedPast.Bars bars = none ? SimulatedPast.Bars.EMPTY : past.rolling(index.spec.symbol(),
                    flag.equals("WEEK"), code, offset, type.equals("CALL"), interval, from, to);
            ObjectNode root = json.createObjectNode();
            ObjectNode data = root.putObject("data");
            String side = type.equals("CALL") ? "ce" : "pe";
            ObjectNode series = data.putObject(side);
            // Every key comes; the ones not asked for are [] (protocol §7.5).
            put(series, "iv", wanted, bars.iv());
            put(series, "oi", wanted, bars.oi());
            put(series, "strike", wanted, bars.strike());
            put(series, "spot", wanted, bars.spot());
            put(series, "open", wanted, bars.open());
            put(series, "high", wanted, bars.high());
            put(series, "low", wanted, bars.low());
            put(series, "close", wanted, bars.close());
            put(series, "volume", wanted, bars.volume());
            ArrayNode timestamps = series.putArray("timestamp");
            for (long t : bars.timestamps()) {
                timestamps.add(t);
            }
            data.putNull(side.equals("ce") ? "pe" : "ce");
            return root;
        };
    }

    private Supplier<ObjectNode> intraday(JsonNode body) throws Refused {
        long securityId = securityId(body);
        String segmentName = text(body, "exchangeSegment");
        ExchangeSegment segment;
        try {
            segment = ExchangeSegment.valueOf(segmentName);
        } catch (IllegalArgumentException e) {
            throw new Refused("exchangeSegment " + segmentName + " is not an exchange segment");
        }
        String instrument = text(body, "instrument");
        int interval = interval(body, Set.of(1, 5, 15, 25, 60));
        JsonNode oiNode = body.get("oi");
        boolean oi = oiNode != null && oiNode.asBoolean(false);
        LocalDateTime from = dateTime(body, "fromDate");
        LocalDateTime to = dateTime(body, "toDate");
        if (to.isBefore(from)) {
            throw new Refused("toDate must not be before fromDate");
        }
        if (from.plusDays(MAX_INTRADAY_DAYS).isBefore(to)) {
            throw new Refused("Date range exceeds the limit: intraday data is available for upto 90 days in a single "
                    + "API call");
        }
        long fromEpoch = from.atZone(MarketHours.IST).toEpochSecond();
        long toEpoch = to.atZone(MarketHours.IST).toEpochSecond();
        SimInstrument found;
        synchronized (market) {
            found = market.find(segment, securityId);
        }
        boolean index = found instanceof SimIndex && instrument.equals("INDEX");
        boolean option = found instanceof SimLeg && instrument.equals("OPTIDX");
        if (!index && !option) {
            throw new Refused("Invalid SecurityId (813): no " + instrument + " " + securityId + " on " + segmentName);
        }
        return () -> {
            SimulatedPast.Bars bars = index
                    ? past.indexCandles(((SimIndex) found).spec.symbol(), interval, fromEpoch, toEpoch)
                    : past.optionCandles((SimLeg) found, interval, fromEpoch, toEpoch);
            ObjectNode root = json.createObjectNode();
            numbers(root.putArray("open"), bars.open());
            numbers(root.putArray("high"), bars.high());
            numbers(root.putArray("low"), bars.low());
            numbers(root.putArray("close"), bars.close());
            numbers(root.putArray("volume"), bars.volume());
            // As recorded from Dhan (§7.3): timestamps and volumes written as floats.
            ArrayNode timestamps = root.putArray("timestamp");
            for (long t : bars.timestamps()) {
                timestamps.add((double) t);
            }
            if (oi) {
                numbers(root.putArray("open_interest"), bars.oi());
            }
            return root;
        };
    }

    /**
     * The strike offset {@code ATM+n} asks for, or null when Dhan answers it with empty arrays: beyond ±10 for the
     * nearest expiry of an index, beyond ±3 otherwise, or malformed (protocol §7.5).
     */
    private static Integer strikeOffset(String strike, int code) {
        Matcher m = STRIKE.matcher(strike);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) == null) {
            return 0;
        }
        int n = Integer.parseInt(m.group(2));
        int limit = code == 1 ? 10 : 3;
        if (n < 1 || n > limit) {
            return null;
        }
        return m.group(1).equals("+") ? n : -n;
    }

    private static long securityId(JsonNode body) throws Refused {
        JsonNode id = body.get("securityId");
        if (id != null && id.isIntegralNumber()) {
            return id.asLong();
        }
        if (id != null && id.isString()) {
            try {
                return Long.parseLong(id.stringValue().trim());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new Refused("securityId is required: the security id, as a string or a number");
    }

    private static int interval(JsonNode body, Set<Integer> allowed) throws Refused {
        JsonNode node = body.get("interval");
        Integer value = null;
        if (node != null && node.isIntegralNumber()) {
            value = node.asInt();
        } else if (node != null && node.isString()) {
            try {
                value = Integer.parseInt(node.stringValue().trim());
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null || !allowed.contains(value)) {
            throw new Refused("interval must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    private static String text(JsonNode body, String field) throws Refused {
        JsonNode node = body.get(field);
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new Refused(field + " is required");
        }
        return node.stringValue();
    }

    private static LocalDate date(JsonNode body, String field) throws Refused {
        String text = text(body, field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refused("Invalid date format (812): " + field + " must be YYYY-MM-DD");
        }
    }

    private static LocalDateTime dateTime(JsonNode body, String field) throws Refused {
        String text = text(body, field).trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new Refused("Invalid date format (812): " + field + " must be YYYY-MM-DD HH:mm:ss or YYYY-MM-DD");
        }
    }

    private static void put(ObjectNode series, String key, Set<String> wanted, double[] values) {
        ArrayNode array = series.putArray(key);
        if (wanted.contains(key)) {
            numbers(array, values);
        }
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    /** Dhan's Data-API limit (protocol §1.4): at most {@code dataApiRequestsPerSecond} requests in any second. */
    private synchronized boolean admit() {
        long now = System.nanoTime();
        while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
            lastSecond.removeFirst();
        }
        if (lastSecond.size() >= properties.dataApiRequestsPerSecond()) {
            return false;
        }
        lastSecond.addLast(now);
        return true;
    }

    private void error(HttpServletResponse response, int status, String type, String code, String message)
            throws IOException {
        if (status != 401 && status != 429) {
            counters.onRestError();
        }
        ObjectNode body = json.createObjectNode();
        body.put("errorType", type);
        body.put("errorCode", code);
        body.put("errorMessage", message);
        write(response, status, body);
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
