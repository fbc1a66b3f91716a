package com.livechain.simulator.rest;

import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.admin.SimulatorFaults;
import com.livechain.simulator.market.SimIndex;
import com.livechain.simulator.market.SimulatedChain;
import com.livechain.simulator.market.SimulatedMarket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dhan's v2 option-chain REST API (protocol §1): {@code POST /v2/optionchain/expirylist} and
 * {@code POST /v2/optionchain}, with the {@code access-token} and {@code client-id} headers, Dhan's error body
 * and its rate limits. Checks run in the order auth (401 DH-901), input (400 DH-905), rate limit (429 DH-904).
 */
public final class RestServlet extends HttpServlet {

    private static final String JSON = "application/json";

    private final SimulatedMarket market;
    private final SimulatorAuth auth;
    private final SimulatorFaults faults;
    private final SimulatorCounters counters;
    private final SimulatorProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Last accepted time of each unique option-chain request (path + body). */
    private final Map<String, Long> lastUnique = new HashMap<>();
    /** Accepted data-API request times within the last second. */
    private final Deque<Long> lastSecond = new ArrayDeque<>();
    private final LongSupplier nanoTime;

    /** @param nanoTime the clock of the rate limits: {@link System#nanoTime()}, or a test's, stepped by hand */
    public RestServlet(SimulatedMarket market, SimulatorAuth auth, SimulatorFaults faults, SimulatorCounters counters,
                SimulatorProperties properties, LongSupplier nanoTime) {
        this.market = market;
        this.auth = auth;
        this.faults = faults;
        this.counters = counters;
        this.properties = properties;
        this.nanoTime = nanoTime;
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
        boolean expiryList = path.equals("/optionchain/expirylist");
        if (!expiryList && !path.equals("/optionchain")) {
            error(response, 404, "Input Exception", "DH-905", "No such API: " + request.getMethod() + " /v2" + path);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            error(response, 405, "Input Exception", "DH-905", "Use POST for /v2" + path);
            return;
        }
        if (auth.check(request.getHeader("client-id"), request.getHeader("access-token")) != SimulatorAuth.Check.OK) {
            counters.onRestUnauthorized();
            error(response, 401, "Invalid Authentication", "DH-901",
                    "Client ID or user generated access token is invalid or expired.");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(request.getInputStream().readAllBytes());
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            inputError(response, "Request body must be a JSON object");
            return;
        }
        JsonNode scrip = body.get("UnderlyingScrip");
        JsonNode segment = body.get("UnderlyingSeg");
        if (scrip == null || !scrip.isIntegralNumber()) {
            inputError(response, "UnderlyingScrip must be the underlying's security id as a JSON number");
            return;
        }
        if (segment == null || !segment.isString()) {
            inputError(response, "UnderlyingSeg must be an exchange segment such as IDX_I");
            return;
        }
        SimIndex index = market.indexById(scrip.asLong());
        if (index == null || !"IDX_I".equals(segment.stringValue())) {
            inputError(response, "Invalid SecurityId (813): no options on " + segment.stringValue() + " " + scrip.asLong());
            return;
        }
        LocalDate expiry = null;
        if (!expiryList) {
            JsonNode expiryNode = body.get("Expiry");
            if (expiryNode == null || !expiryNode.isString()) {
                inputError(response, "Expiry is required, as YYYY-MM-DD");
                return;
            }
            try {
                expiry = LocalDate.parse(expiryNode.stringValue());
            } catch (DateTimeParseException e) {
                inputError(response, "Invalid date format (812): Expiry must be YYYY-MM-DD");
                return;
            }
            if (!market.expiries(index.spec.symbol()).contains(expiry)) {
                inputError(response, "Invalid Expiry Date (811): " + expiry + " is not a listed expiry of "
                        + index.spec.symbol());
                return;
            }
        }
        String unique = path + "|" + index.securityId + "|" + (expiry == null ? "" : expiry);
        if (!admit(unique)) {
            counters.onRestRateLimited();
            error(response, 429, "Rate Limit", "DH-904", "Too many requests on server from single user breaching "
                    + "rate limits. Try throttling API calls.");
            return;
        }
        if (expiryList) {
            ObjectNode root = json.createObjectNode();
            var data = root.putArray("data");
            for (LocalDate date : market.expiries(index.spec.symbol())) {
                data.add(date.toString());
            }
            root.put("status", "success");
            write(response, 200, root);
            return;
        }
        if (faults.takeChainFailure()) {
            ObjectNode root = json.createObjectNode();
            root.put("status", "failure");
            root.putObject("remarks");
            root.put("data", "");
            write(response, 200, root);
            return;
        }
        write(response, 200, chainJson(market.chain(index.spec.symbol(), expiry)));
    }

    /**
     * Dhan's option-chain limit is "one unique request every 3 seconds" (protocol §1.4): the same underlying and
     * expiry may be asked again only after the interval, different ones count separately. On top, the general
     * Data API limit (5 a second) applies to all of them. A refused request does not use up budget.
     */
    private synchronized boolean admit(String unique) {
        long now = nanoTime.getAsLong();
        Long last = lastUnique.get(unique);
        if (last != null && now - last < properties.optionChainInterval().toNanos()) {
            return false;
        }
        while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
            lastSecond.removeFirst();
        }
        if (lastSecond.size() >= properties.dataApiRequestsPerSecond()) {
            return false;
        }
        lastSecond.addLast(now);
        lastUnique.put(unique, now);
        return true;
    }

    /** Protocol §1.2: strike keys with six decimals, each with a {@code ce} and a {@code pe} leg. */
    private ObjectNode chainJson(SimulatedChain chain) {
        ObjectNode root = json.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("last_price", chain.lastPrice());
        ObjectNode oc = data.putObject("oc");
        for (SimulatedChain.Strike strike : chain.strikes()) {
            ObjectNode row = oc.putObject(String.format(Locale.ROOT, "%.6f", (double) strike.strike()));
            leg(row.putObject("ce"), strike.ce());
            leg(row.putObject("pe"), strike.pe());
        }
        root.put("status", "success");
        return root;
    }

    private static void leg(ObjectNode node, SimulatedChain.Leg leg) {
        node.put("average_price", leg.averagePrice());
        ObjectNode greeks = node.putObject("greeks");
        greeks.put("delta", round5(leg.delta()));
        greeks.put("theta", round5(leg.theta()));
        greeks.put("gamma", round5(leg.gamma()));
        greeks.put("vega", round5(leg.vega()));
        node.put("implied_volatility", finite(leg.impliedVolatility()));
        node.put("last_price", leg.lastPrice());
        node.put("oi", leg.oi());
        node.put("previous_close_price", leg.previousClose());
        node.put("previous_oi", leg.previousOi());
        node.put("previous_volume", leg.previousVolume());
        node.put("security_id", leg.securityId());
        node.put("top_ask_price", leg.ask());
        node.put("top_ask_quantity", leg.askQty());
        node.put("top_bid_price", leg.bid());
        node.put("top_bid_quantity", leg.bidQty());
        node.put("volume", leg.volume());
    }

    /** Dhan's sample shows greeks with five decimals. */
    private static double round5(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e5) / 1e5 : 0;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    private void inputError(HttpServletResponse response, String message) throws IOException {
        error(response, 400, "Input Exception", "DH-905", message);
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
