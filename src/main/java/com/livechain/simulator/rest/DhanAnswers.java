package com.livechain.simulator.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.livechain.simulator.SimulatorAuth;
import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.admin.SimulatorFaults;

/**
 * What every simulated Dhan REST servlet answers the same way: the outage page, the error body, a JSON answer, the
 * token check and the request body. One place, so the option chain, the charts and the token endpoints cannot drift
 * apart in the words or the counting a client sees.
 *
 * <p>Error types are written as Dhan sends them on the wire ({@code Input_Exception}, recorded on live answers,
 * dhan-protocol.md §7 and §8), not as its documentation table spells them ({@code Input Exception}).
 */
final class DhanAnswers {

    static final String JSON = "application/json";
    static final String INPUT_EXCEPTION = "Input_Exception";
    static final String INVALID_TOKEN = "Client ID or user generated access token is invalid or expired.";

    private final SimulatorAuth auth;
    private final SimulatorFaults faults;
    private final SimulatorCounters counters;
    private final JsonMapper json = JsonMapper.builder().build();

    DhanAnswers(SimulatorAuth auth, SimulatorFaults faults, SimulatorCounters counters) {
        this.auth = auth;
        this.faults = faults;
        this.counters = counters;
    }

    /**
     * Counts the request and, while the REST outage fault is on, answers as Dhan's edge does when its backend is
     * down: a 502 HTML page, not a JSON body, so clients meet the answer they must survive.
     *
     * @return whether the request was answered (the caller stops)
     */
    boolean answeredAsOutage(HttpServletResponse response) throws IOException {
        counters.onRestRequest();
        if (!faults.restOutage()) {
            return false;
        }
        counters.onRestError();
        response.setStatus(502);
        response.setContentType("text/html");
        response.getWriter().write("<html><head><title>502 Bad Gateway</title></head>"
                + "<body><center><h1>502 Bad Gateway</h1></center></body></html>");
        return true;
    }

    /** @return whether the request's client-id and access-token were refused (a 401 was answered) */
    boolean refusedToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (auth.check(request.getHeader("client-id"), request.getHeader("access-token")) == SimulatorAuth.Check.OK) {
            return false;
        }
        unauthorized(response, INVALID_TOKEN);
        return true;
    }

    /** A 401 DH-901, counted as unauthorised rather than as an error. */
    void unauthorized(HttpServletResponse response, String message) throws IOException {
        counters.onRestUnauthorized();
        error(response, 401, "Invalid_Authentication", "DH-901", message);
    }

    /** The request body as a JSON object, or null when it is not one (unreadable, an array, a scalar). */
    JsonNode objectBody(HttpServletRequest request) throws IOException {
        try {
            JsonNode body = json.readTree(request.getInputStream().readAllBytes());
            return body != null && body.isObject() ? body : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    void inputError(HttpServletResponse response, String message) throws IOException {
        error(response, 400, INPUT_EXCEPTION, "DH-905", message);
    }

    /** A 405 naming the one method the path takes. */
    void postOnly(HttpServletResponse response, String path) throws IOException {
        response.setHeader("Allow", "POST");
        error(response, 405, INPUT_EXCEPTION, "DH-905", "Use POST for " + path);
    }

    /** Dhan's error body; counted as an error unless it is a refusal a client is expected to meet (401, 429). */
    void error(HttpServletResponse response, int status, String type, String code, String message) throws IOException {
        if (status != 401 && status != 429) {
            counters.onRestError();
        }
        ObjectNode body = json.createObjectNode();
        body.put("errorType", type);
        body.put("errorCode", code);
        body.put("errorMessage", message);
        write(response, status, body);
    }

    void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    ObjectNode object() {
        return json.createObjectNode();
    }
}
