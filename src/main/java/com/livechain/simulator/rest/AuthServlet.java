package com.livechain.simulator.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.market.MarketHours;
import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.admin.SimulatorFaults;

/**
 * Dhan's token calls (protocol §6): {@code GET /v2/RenewToken} (headers {@code access-token} and
 * {@code dhanClientId}), {@code GET /v2/profile} and {@code POST /app/generateAccessToken?dhanClientId&pin&totp}.
 * Mapped to those exact paths, which take precedence over the option-chain servlet's {@code /v2/*}.
 */
public final class AuthServlet extends HttpServlet {

    public static final String RENEW_PATH = "/v2/RenewToken";
    public static final String PROFILE_PATH = "/v2/profile";
    public static final String GENERATE_PATH = "/app/generateAccessToken";

    // §6.2: ISO local time without offset, IST; §6.4: DD/MM/YYYY HH:mm.
    private static final DateTimeFormatter EXPIRY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter TOKEN_VALIDITY = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");
    private static final DateTimeFormatter DATA_VALIDITY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.S");
    private static final String INVALID = "Client ID or user generated access token is invalid or expired.";

    private final SimulatorAuth auth;
    private final SimulatorFaults faults;
    private final SimulatorCounters counters;
    private final SimulatorProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuthServlet(SimulatorAuth auth, SimulatorFaults faults, SimulatorCounters counters,
                       SimulatorProperties properties) {
        this.auth = auth;
        this.faults = faults;
        this.counters = counters;
        this.properties = properties;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        counters.onRestRequest();
        if (faults.restOutage()) {
            counters.onRestError();
            response.setStatus(502);
            response.setContentType("text/html");
            response.getWriter().write("<html><body><center><h1>502 Bad Gateway</h1></center></body></html>");
            return;
        }
        String path = request.getServletPath();
        switch (path) {
            case RENEW_PATH -> renew(request, response);
            case PROFILE_PATH -> profile(request, response);
            case GENERATE_PATH -> generate(request, response);
            default -> error(response, 404, "Input_Exception", "DH-905", "No such API: " + path);
        }
    }

    /** §6.3: GET only (a POST got 400 DH-905, DhanHQ-py #108); the old token is revoked on success. */
    private void renew(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            error(response, 400, "Input_Exception", "DH-905", "Missing required fields, bad values for parameters etc.");
            return;
        }
        SimulatorAuth.Issued issued = auth.renew(request.getHeader("dhanClientId"), request.getHeader("access-token"));
        if (issued.refusal() != null) {
            refuse(response, issued.refusal());
            return;
        }
        write(response, 200, tokenObject(issued, properties.renewTokenField().json()));
    }

    private void profile(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getHeader("access-token");
        if (auth.checkToken(token) != SimulatorAuth.Check.OK) {
            counters.onRestUnauthorized();
            error(response, 401, "Invalid_Authentication", "DH-901", INVALID);
            return;
        }
        Instant now = Instant.now();
        ObjectNode body = json.createObjectNode();
        body.put("dhanClientId", auth.credentialsClientId());
        body.put("tokenValidity", TOKEN_VALIDITY.format(auth.expiresAt(token).atZone(MarketHours.IST)));
        body.put("activeSegment", "Equity, Derivative, Currency, Commodity");
        body.put("ddpi", "Deactive");
        body.put("mtf", "Deactive");
        body.put("dataPlan", "Active");
        body.put("dataValidity", DATA_VALIDITY.format(now.plusSeconds(30L * 86400).atZone(MarketHours.IST)));
        write(response, 200, body);
    }

    /** §6.1: POST with the query parameters and no body; the answer is the §6.2 token object. */
    private void generate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            error(response, 405, "Input_Exception", "DH-905", "Use POST for " + GENERATE_PATH);
            return;
        }
        SimulatorAuth.Issued issued = auth.generate(request.getParameter("dhanClientId"), request.getParameter("pin"),
                request.getParameter("totp"));
        if (issued.refusal() != null) {
            refuse(response, issued.refusal());
            return;
        }
        write(response, 200, tokenObject(issued, "accessToken"));
    }

    private ObjectNode tokenObject(SimulatorAuth.Issued issued, String tokenField) {
        ObjectNode body = json.createObjectNode();
        body.put("dhanClientId", issued.credentials().clientId());
        body.put("dhanClientName", "SIMULATED USER");
        body.put("dhanClientUcc", "SIMU00000S");
        body.put("givenPowerOfAttorney", false);
        body.put(tokenField, issued.credentials().accessToken());
        body.put("expiryTime", EXPIRY_TIME.format(issued.expiresAt().atZone(MarketHours.IST)));
        return body;
    }

    private void refuse(HttpServletResponse response, SimulatorAuth.Refusal refusal) throws IOException {
        switch (refusal) {
            case INVALID_TOKEN -> {
                counters.onRestUnauthorized();
                error(response, 401, "Invalid_Authentication", "DH-901", INVALID);
            }
            case NOT_RENEWABLE -> error(response, 400, "Input_Exception", "DH-905",
                    "Only tokens generated from Dhan Web can be renewed; generate a new token instead.");
            case BAD_PIN_OR_TOTP -> error(response, 400, "Input_Exception", "DH-905",
                    "Invalid PIN or TOTP, or TOTP is not enabled for this client.");
            case FAULT -> error(response, 500, "Internal_Server_Error", "DH-908", "Internal Server Error");
        }
    }

    private void error(HttpServletResponse response, int status, String type, String code, String message)
            throws IOException {
        if (status != 401) {
            counters.onRestError();
        }
        ObjectNode body = json.createObjectNode();
        body.put("errorType", type);
        body.put("errorCode", code);
        body.put("errorMessage", message);
        write(response, status, body);
    }

    private void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
