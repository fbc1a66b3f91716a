package com.livechain.simulator.admin;

import com.livechain.simulator.DhanSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import com.livechain.credentials.DhanCredentials;

/**
 * The simulator's own control paths under {@code /sim} (not part of Dhan's API): fault injection, token
 * rotation, counters, and manual market stepping. Mutations are POST; reads are GET. Loopback only, no auth.
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
                default -> {
                    response.sendError(404, "Unknown simulator path " + path);
                    return;
                }
            }
        } catch (NumberFormatException e) {
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
            default -> {
                response.sendError(404, "Unknown simulator path " + path + " (mutations are POST)");
                return;
            }
        }
        write(response, out);
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
