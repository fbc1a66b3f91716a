package com.livechain.simulator.rest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a chart request body (protocol §7.2, §7.5) the way the simulated Dhan does; a field that breaks
 * a rule is {@link Refused} with the message the client gets in its 400 DH-905.
 */
final class ChartRequestFields {

    private static final Pattern STRIKE = Pattern.compile("ATM(?:([+-])(\\d{1,2}))?");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A request that breaks a rule, answered 400 DH-905 with this message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private ChartRequestFields() {
    }

    /**
     * The strike offset {@code ATM+n} asks for, or null when Dhan answers it with empty arrays: beyond ±10 for the
     * nearest expiry of an index, beyond ±3 otherwise, or malformed (protocol §7.5).
     */
    static Integer strikeOffset(String strike, int code) {
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

    /** {@code securityId}, as a string or a number. */
    static long securityId(JsonNode body) throws Refused {
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

    /** {@code interval} in minutes, as a string or a number, one of {@code allowed}. */
    static int interval(JsonNode body, Set<Integer> allowed) throws Refused {
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
            throw new Refused("interval must be one of " + new TreeSet<>(allowed));
        }
        return value;
    }

    /** A required string field, not blank. */
    static String text(JsonNode body, String field) throws Refused {
        JsonNode node = body.get(field);
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new Refused(field + " is required");
        }
        return node.stringValue();
    }

    /** A required {@code YYYY-MM-DD}. */
    static LocalDate date(JsonNode body, String field) throws Refused {
        String text = text(body, field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refused("Invalid date format (812): " + field + " must be YYYY-MM-DD");
        }
    }

    /** A required {@code YYYY-MM-DD HH:mm:ss} or {@code YYYY-MM-DD} (midnight), IST. */
    static LocalDateTime dateTime(JsonNode body, String field) throws Refused {
        String text = text(body, field).trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new Refused("Invalid date format (812): " + field + " must be YYYY-MM-DD HH:mm:ss or YYYY-MM-DD");
        }
    }
}
