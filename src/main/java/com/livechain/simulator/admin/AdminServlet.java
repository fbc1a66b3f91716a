package com.livechain.simulator.admin;

import com.livechain.simulator.DhanSimulator;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;
import com.livechain.credentials.DhanCredentials;
import com.livechain.simulator.feed.FeedHub;
import com.livechain.simulator.market.ExpiryCalendar;
import com.livechain.simulator.market.SimExpiry;
import com.livechain.simulator.market.SimulatedMarket;

/**
 * The simulator's own control paths under {@code /sim} (not part of Dhan's API): fault injection, token
 * rotation, counters, manual market stepping, listing and delisting contracts now ({@code /sim/listing/...}),
 * and each feed connection's subscriptions ({@code GET /sim/feed/subscriptions}). Mutations are POST; reads are GET. Loopback only, no auth.
 */
public final class AdminServlet extends HttpServlet {

    private final DhanSimulator simulator;
    private final JsonMapper json = JsonMapper.builder().build();

    public AdminServlet(DhanSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SimulatorFaults faults = simulator.faults();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            switch (path) {
                case "/faults/drop" -> out.put("dropped", faults.drop());
                case "/faults/stall" -> {
                    long seconds = number(request, "seconds", 30);
                    out.put("stalled", faults.stall(Duration.ofSeconds(seconds)));
                    out.put("seconds", seconds);
                }
                case "/faults/disconnect" -> {
                    int code = (int) number(request, "code", 807);
                    out.put("disconnected", faults.disconnect(code));
                    out.put("code", code);
                }
                case "/faults/garbage" -> out.put("connections", faults.garbage());
                case "/faults/reject-connections" -> {
                    long seconds = number(request, "seconds", 30);
                    faults.rejectConnections(Duration.ofSeconds(seconds));
                    out.put("seconds", seconds);
                }
                case "/faults/chain-failure" -> {
                    int count = (int) number(request, "count", 1);
                    faults.failOptionChains(count);
                    out.put("count", count);
                }
                case "/faults/rest-outage" -> {
                    long seconds = number(request, "seconds", 30);
                    faults.restOutage(Duration.ofSeconds(seconds));
                    out.put("seconds", seconds);
                }
                case "/faults/scrip-master" -> {
                    SimulatorFaults.ScripMasterFault fault = scripMasterFault(request.getParameter("mode"));
                    int count = (int) number(request, "count", -1);
                    String keep = request.getParameter("keepPercent");
                    double kept = keep == null || keep.isBlank() ? SimulatorFaults.DEFAULT_KEPT
                            : decimal(request, "keepPercent") / 100;
                    faults.scripMaster(fault, count, kept);
                    out.put("mode", fault.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    out.put("count", count);
                    out.put("keepPercent", kept * 100);
                }
                case "/faults/clear" -> {
                    faults.clear();
                    out.put("cleared", true);
                }
                case "/token/rotate" -> credentials(out, faults.rotateToken());
                case "/market/step" -> {
                    long millis = number(request, "millis", 1000);
                    simulator.market().step(Duration.ofMillis(millis));
                    out.put("now", simulator.market().now().toString());
                }
                case "/market/move" -> {
                    String symbol = required(request, "underlying");
                    double percent = decimal(request, "percent");
                    out.put("underlying", symbol);
                    out.put("ltp", simulator.market().moveIndex(symbol, percent));
                }
                case "/listing/expiry" -> listExpiry(request, out);
                case "/listing/delist" -> {
                    String symbol = required(request, "underlying");
                    LocalDate expiry = date(request, "expiry");
                    out.put("underlying", symbol);
                    out.put("expiry", expiry.toString());
                    out.put("legs", simulator.market().delistExpiry(symbol, expiry));
                }
                case "/listing/strikes" -> {
                    String symbol = required(request, "underlying");
                    String expiry = request.getParameter("expiry");
                    int count = (int) number(request, "count", 1);
                    if (count < 1) {
                        throw new IllegalArgumentException("count must be at least 1, got " + count);
                    }
                    out.put("underlying", symbol);
                    out.put("legs", simulator.market().listStrikes(symbol,
                            expiry == null || expiry.isBlank() ? null : date(request, "expiry"), count));
                }
                default -> {
                    response.sendError(404, "Unknown simulator path " + path);
                    return;
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // NumberFormatException is an IllegalArgumentException: a bad number, date, index or expiry.
            response.sendError(400, e.getMessage());
            return;
        }
        write(response, out);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (path) {
            case "/counters" -> out.putAll(simulator.counters().snapshot());
            case "/credentials" -> credentials(out, simulator.credentials());
            case "/listing" -> {
                try {
                    listing(request.getParameter("underlying"), out);
                } catch (IllegalArgumentException e) {
                    response.sendError(400, e.getMessage());
                    return;
                }
            }
            case "/feed/subscriptions" -> {
                try {
                    subscriptions(request, out);
                } catch (IllegalArgumentException e) {
                    response.sendError(400, e.getMessage());
                    return;
                }
            }
            default -> {
                response.sendError(404, "Unknown simulator path " + path + " (mutations are POST)");
                return;
            }
        }
        write(response, out);
    }

    /** Lists {@code expiry} (default: the next one the exchange would list) of {@code underlying} now. */
    private void listExpiry(HttpServletRequest request, Map<String, Object> out) {
        SimulatedMarket market = simulator.market();
        String symbol = required(request, "underlying");
        String given = request.getParameter("expiry");
        LocalDate date = given == null || given.isBlank() ? market.nextExpiryToList(symbol) : date(request, "expiry");
        String kindName = request.getParameter("kind");
        ExpiryCalendar.Kind kind = kindName == null || kindName.isBlank()
                ? (market.indices().stream().filter(i -> i.spec.symbol().equals(symbol)).findFirst()
                        .map(i -> i.spec.weeklyDay() != null).orElse(false)
                        ? ExpiryCalendar.Kind.WEEKLY : ExpiryCalendar.Kind.MONTHLY)
                : ExpiryCalendar.Kind.valueOf(kindName.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        SimExpiry expiry = market.listExpiry(symbol, date, kind);
        synchronized (market) {
            out.put("underlying", symbol);
            out.put("expiry", expiry.date.toString());
            out.put("flag", expiry.flag());
            out.put("legs", 2 * expiry.strikes.length);
            out.put("strikes", List.of(expiry.strikes[0], expiry.strikes[expiry.strikes.length - 1]));
            out.put("securityIds", ids(expiry));
        }
    }

    /** Every listed expiry per index (or of one index): flag, strike range and leg count. */
    private void listing(String only, Map<String, Object> out) {
        SimulatedMarket market = simulator.market();
        for (String symbol : market.symbols()) {
            if (only != null && !only.isBlank() && !only.equals(symbol)) {
                continue;
            }
            List<Map<String, Object>> expiries = new ArrayList<>();
            synchronized (market) {
                for (SimExpiry expiry : market.listedExpiries(symbol)) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("expiry", expiry.date.toString());
                    e.put("kind", expiry.kind.name());
                    e.put("flag", expiry.flag());
                    e.put("closed", expiry.closedBy(market.now()));
                    e.put("legs", 2 * expiry.strikes.length);
                    e.put("strikes", List.of(expiry.strikes[0], expiry.strikes[expiry.strikes.length - 1]));
                    expiries.add(e);
                }
            }
            out.put(symbol, expiries);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("unknown index " + only + "; listed: " + market.symbols());
        }
    }

    /**
     * Each open feed connection's subscription count and, with {@code segment} and {@code ids} (comma-separated
     * security ids), how many of those it holds; or, with {@code underlying} and {@code expiry}, of that listed
     * expiry's legs.
     */
    private void subscriptions(HttpServletRequest request, Map<String, Object> out) {
        ExchangeSegment segment = null;
        long[] ids = new long[0];
        String underlying = request.getParameter("underlying");
        if (underlying != null && !underlying.isBlank()) {
            LocalDate date = date(request, "expiry");
            SimulatedMarket market = simulator.market();
            synchronized (market) {
                SimExpiry expiry = market.listedExpiries(underlying).stream().filter(e -> e.date.equals(date))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException(
                                underlying + " does not list " + date));
                segment = expiry.index.spec.optionSegment();
                ids = ids(expiry).stream().mapToLong(Long::longValue).toArray();
            }
        } else if (request.getParameter("ids") != null) {
            segment = ExchangeSegment.valueOf(required(request, "segment").trim());
            ids = Arrays.stream(request.getParameter("ids").split(",")).map(String::trim).filter(v -> !v.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
        }
        List<Map<String, Object>> connections = new ArrayList<>();
        long subscribed = 0;
        long ofAsked = 0;
        for (FeedHub.ConnectionSubscriptions c : simulator.feedSubscriptions(segment, ids)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", c.id());
            one.put("subscribed", c.subscribed());
            one.put("ofAsked", c.ofAsked());
            connections.add(one);
            subscribed += c.subscribed();
            ofAsked += c.ofAsked();
        }
        out.put("connections", connections);
        out.put("subscribed", subscribed);
        out.put("asked", ids.length);
        out.put("ofAsked", ofAsked);
    }

    /** The expiry's call and put ids, ascending by strike, call first; call under the market's monitor. */
    private static List<Long> ids(SimExpiry expiry) {
        List<Long> ids = new ArrayList<>(2 * expiry.strikes.length);
        for (int i = 0; i < expiry.strikes.length; i++) {
            ids.add(expiry.calls[i].securityId);
            ids.add(expiry.puts[i].securityId);
        }
        return ids;
    }

    private static SimulatorFaults.ScripMasterFault scripMasterFault(String mode) {
        String name = mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return SimulatorFaults.ScripMasterFault.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be one of truncated, empty, header-only, cut-mid-row, none;"
                    + " got '" + mode + "'");
        }
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    private static LocalDate date(HttpServletRequest request, String name) {
        String value = required(request, name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date like 2026-12-29, got '" + value + "'");
        }
    }

    private static double decimal(HttpServletRequest request, String name) {
        String value = required(request, name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(name + " must be a number, got '" + value + "'");
        }
    }

    private static void credentials(Map<String, Object> out, DhanCredentials credentials) {
        out.put("clientId", credentials.clientId());
        out.put("accessToken", credentials.accessToken());
    }

    private static long number(HttpServletRequest request, String name, long fallback) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new NumberFormatException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private void write(HttpServletResponse response, Map<String, Object> body) throws IOException {
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
