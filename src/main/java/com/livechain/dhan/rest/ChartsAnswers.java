package com.livechain.dhan.rest;

import java.util.EnumMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.livechain.chain.OptionType;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;

/**
 * Reads the answers of Dhan's chart endpoints strictly: an answer is taken whole or not at all. Arrays of unequal
 * length, a missing series, a null, a string or a NaN in a series, a timestamp that is not a whole number of
 * seconds or does not ascend: each is a {@link Kind#BAD_RESPONSE} naming the first fault found, so that nothing
 * of a partial answer is ever stored.
 *
 * <p>Shapes per protocol §7.3 (candles: bare parallel arrays, {@code open_interest} optional, numbers possibly
 * written as floats) and §7.5 (rolling options: {@code {"data":{"ce":{...},"pe":null}}}, the requested side an
 * object of parallel arrays, unrequested series {@code []}).
 */
final class ChartsAnswers {

    private static final String[] CANDLE_SERIES = {"open", "high", "low", "close", "volume"};

    private ChartsAnswers() {
    }

    static Candles candles(String call, int status, JsonNode body) {
        if (!body.isObject()) {
            throw malformed(call, status, "a body that is not a JSON object");
        }
        long[] timestamps = timestamps(call, status, body, "timestamp", "");
        double[][] series = new double[CANDLE_SERIES.length][];
        for (int i = 0; i < CANDLE_SERIES.length; i++) {
            series[i] = numbers(call, status, body, CANDLE_SERIES[i], "", timestamps.length);
        }
        double[] oi = body.has("open_interest")
                ? numbers(call, status, body, "open_interest", "", timestamps.length) : null;
        return new Candles(timestamps, series[0], series[1], series[2], series[3], series[4], oi);
    }

    static RollingOptionSeries rollingOption(String call, int status, JsonNode body, RollingOptionRequest request) {
        if (!body.isObject()) {
            throw malformed(call, status, "a body that is not a JSON object");
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            throw malformed(call, status, "no \"data\" object");
        }
        String side = request.type() == OptionType.CE ? "ce" : "pe";
        String other = request.type() == OptionType.CE ? "pe" : "ce";
        JsonNode series = data.get(side);
        if (series == null || series.isNull()) {
            throw malformed(call, status, "data." + side + " " + (series == null ? "missing" : "null")
                    + " for a " + request.optionType() + " request");
        }
        if (!series.isObject()) {
            throw malformed(call, status, "data." + side + " that is not an object");
        }
        JsonNode otherSide = data.get(other);
        if (otherSide != null && !otherSide.isNull() && !allEmpty(otherSide)) {
            throw malformed(call, status, "data." + other + " filled for a " + request.optionType() + " request");
        }
        String where = "data." + side + ".";
        long[] timestamps = timestamps(call, status, series, "timestamp", where);
        Map<RollingField, double[]> values = new EnumMap<>(RollingField.class);
        for (RollingField field : request.fields()) {
            values.put(field, numbers(call, status, series, field.wire(), where, timestamps.length));
        }
        return new RollingOptionSeries(request.type(), timestamps, values);
    }

    /** An unrequested side is {@code null}; tolerate it as an object of empty arrays too, never with data. */
    private static boolean allEmpty(JsonNode side) {
        if (!side.isObject()) {
            return false;
        }
        for (JsonNode value : side) {
            if (!value.isArray() || !value.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static long[] timestamps(String call, int status, JsonNode parent, String key, String where) {
        JsonNode array = array(call, status, parent, key, where);
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            double value = number(call, status, array.get(i), where + key, i);
            // Dhan writes them as floats (1726026300.0): whole seconds are expected, anything else is not a bar start.
            if (value <= 0 || value != Math.rint(value) || value > 1e11) {
                throw malformed(call, status, where + key + "[" + i + "] = " + value + " is not epoch seconds");
            }
            out[i] = (long) value;
            if (i > 0 && out[i] <= out[i - 1]) {
                throw malformed(call, status, where + key + "[" + i + "] = " + out[i] + " does not follow "
                        + out[i - 1]);
            }
        }
        return out;
    }

    private static double[] numbers(String call, int status, JsonNode parent, String key, String where, int length) {
        JsonNode array = array(call, status, parent, key, where);
        if (array.size() != length) {
            throw malformed(call, status, where + key + " has " + array.size() + " values for " + length
                    + " timestamps");
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = number(call, status, array.get(i), where + key, i);
        }
        return out;
    }

    private static JsonNode array(String call, int status, JsonNode parent, String key, String where) {
        JsonNode array = parent.get(key);
        if (array == null) {
            throw malformed(call, status, "no \"" + where + key + "\" array");
        }
        if (!array.isArray()) {
            throw malformed(call, status, where + key + " that is not an array");
        }
        return array;
    }

    private static double number(String call, int status, JsonNode node, String where, int i) {
        if (node == null || node.isNull()) {
            throw malformed(call, status, where + "[" + i + "] is null");
        }
        if (!node.isNumber()) {
            throw malformed(call, status, where + "[" + i + "] is " + DhanErrors.abridge(node.toString())
                    + ", not a number");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw malformed(call, status, where + "[" + i + "] is " + value);
        }
        return value;
    }

    private static MarketDataException malformed(String call, int status, String what) {
        return new MalformedAnswerException(call, status + " with a malformed answer: " + what);
    }
}
