package com.livechain.dhan.rest;

import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

/**
 * Turns what Dhan answered to a failed REST call into a {@link MarketDataException} whose answer
 * says what happened and what it means, e.g. {@code 401 DH-901 (access token or client id invalid
 * or expired): Invalid token}.
 *
 * <p>Dhan documents the error body {@code {"errorType","errorCode":"DH-9xx","errorMessage"}} but
 * not which HTTP status goes with which code (protocol §1.6), so the code decides the kind when it
 * is known and the HTTP status otherwise. Two other shapes are seen in the wild and read too:
 * {@code {"status":"failure","remarks":{...},"data":""}} (DhanHQ-py #138, remarks may hold
 * {@code error_code}) and the Data-API form {@code {"status":"failed","data":{"806":"..."}}}.
 */
public final class DhanErrors {

    private record Meaning(Kind kind, String text) {
    }

    private static final String CREDENTIALS_INVALID = "access token or client id invalid or expired";

    private static final Map<String, Meaning> CODES = Map.ofEntries(
            Map.entry("DH-901", new Meaning(Kind.AUTHENTICATION, CREDENTIALS_INVALID)),
            Map.entry("DH-902", new Meaning(Kind.ACCESS, "no access: Data APIs not subscribed or API access not enabled")),
            Map.entry("DH-903", new Meaning(Kind.ACCESS, "account or segment requirements not met")),
            Map.entry("DH-904", new Meaning(Kind.RATE_LIMIT, "rate limit exceeded")),
            Map.entry("DH-905", new Meaning(null, "missing or bad request parameters")),
            Map.entry("DH-906", new Meaning(null, "order error")),
            Map.entry("DH-907", new Meaning(null, "bad parameters or no data")),
            Map.entry("DH-908", new Meaning(Kind.UNAVAILABLE, "Dhan internal server error")),
            Map.entry("DH-909", new Meaning(Kind.UNAVAILABLE, "Dhan network error")),
            Map.entry("DH-910", new Meaning(null, "other error")),
            Map.entry("800", new Meaning(Kind.UNAVAILABLE, "Dhan internal server error")),
            Map.entry("804", new Meaning(null, "too many instruments requested")),
            Map.entry("805", new Meaning(Kind.RATE_LIMIT, "too many requests or connections")),
            Map.entry("806", new Meaning(Kind.ACCESS, "Data APIs not subscribed")),
            Map.entry("807", new Meaning(Kind.AUTHENTICATION, "access token expired")),
            Map.entry("808", new Meaning(Kind.AUTHENTICATION, "authentication failed: client id or access token invalid")),
            Map.entry("809", new Meaning(Kind.AUTHENTICATION, "access token invalid")),
            Map.entry("810", new Meaning(Kind.AUTHENTICATION, "client id invalid")),
            Map.entry("811", new Meaning(null, "invalid expiry date")),
            Map.entry("812", new Meaning(null, "invalid date format")),
            Map.entry("813", new Meaning(null, "invalid security id")),
            Map.entry("814", new Meaning(null, "invalid request")));

    private DhanErrors() {
    }

    /**
     * The exception for an answer that is not a success: an HTTP error status, or a 2xx whose body
     * says {@code "status":"failure"}.
     *
     * @param body the parsed body, or {@code null} when it was not JSON
     * @param text the raw body, shown abridged when it was not JSON
     */
    public static MarketDataException of(String call, int httpStatus, JsonNode body, String text) {
        String code = null;
        String message = null;
        String remarks = null;
        if (body != null && body.isObject()) {
            JsonNode remarksNode = body.path("remarks");
            code = firstText(body.get("errorCode"), body.get("error_code"),
                    remarksNode.get("errorCode"), remarksNode.get("error_code"));
            message = firstText(body.get("errorMessage"), body.get("error_message"),
                    remarksNode.get("errorMessage"), remarksNode.get("error_message"));
            JsonNode data = body.get("data");
            if (code == null && data != null && data.isObject() && data.size() == 1) {
                var entry = data.properties().iterator().next();
                code = entry.getKey();
                message = message != null ? message : text(entry.getValue());
            }
            if (message == null && !remarksNode.isMissingNode() && !remarksNode.isNull()) {
                remarks = remarksNode.isString() ? remarksNode.stringValue() : remarksNode.toString();
            }
        }
        Meaning meaning = code == null ? null : CODES.get(code.trim().toUpperCase(Locale.ROOT));
        Kind kind = meaning != null && meaning.kind() != null ? meaning.kind() : kindOf(httpStatus);

        StringBuilder answer = new StringBuilder().append(httpStatus);
        boolean success = httpStatus >= 200 && httpStatus < 300;
        if (success && body != null) {
            answer.append(" with status \"").append(body.path("status").asString("")).append('"');
        }
        if (code != null) {
            answer.append(' ').append(code.trim());
            if (meaning != null) {
                answer.append(" (").append(meaning.text()).append(')');
            }
        } else if (!success && (httpStatus == 401 || httpStatus == 403)) {
            answer.append(" (").append(CREDENTIALS_INVALID).append(')');
        }
        if (message != null && !message.isBlank()) {
            answer.append(": ").append(abridge(message));
        } else if (remarks != null) {
            answer.append(", remarks ").append(abridge(remarks));
        } else if (body == null && !text.isBlank()) {
            answer.append(": ").append(abridge(text));
        }
        return new MarketDataException(call, answer.toString(), kind);
    }

    private static Kind kindOf(int httpStatus) {
        if (httpStatus == 401 || httpStatus == 403) {
            return Kind.AUTHENTICATION;
        }
        if (httpStatus == 429) {
            return Kind.RATE_LIMIT;
        }
        if (httpStatus >= 500 || (httpStatus >= 200 && httpStatus < 300)) {
            // A 2xx that says "failure" is Dhan declining, not a malformed answer: retry later (DhanHQ-py #138).
            return Kind.UNAVAILABLE;
        }
        return Kind.BAD_RESPONSE;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String text = text(node);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        return node.asString();
    }

    /** One line, at most 200 characters: enough to recognise an HTML error page without printing it. */
    public static String abridge(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
