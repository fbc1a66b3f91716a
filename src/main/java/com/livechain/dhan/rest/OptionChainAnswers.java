package com.livechain.dhan.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

import com.livechain.chain.OptionType;
import com.livechain.chain.SnapshotLeg;
import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataException.Kind;
import com.livechain.universe.OptionChainSnapshot;

/**
 * Reads the answers of Dhan's option-chain endpoints (protocol §1.2): the expiry list and the snapshot of every
 * strike of one expiry. A shape that is not the documented one is a {@link Kind#BAD_RESPONSE} saying what is wrong.
 */
final class OptionChainAnswers {

    private OptionChainAnswers() {
    }

    /** {@code {"data":["2026-01-29", ...]}}: the expiries, ascending and without repeats. */
    static List<LocalDate> expiries(DhanPost.Answer answer) {
        JsonNode data = answer.body().get("data");
        if (data == null || !data.isArray()) {
            throw badResponse(answer, "a \"data\" that is not a list of dates");
        }
        TreeSet<LocalDate> expiries = new TreeSet<>();
        for (JsonNode date : data) {
            String text = date.isString() ? date.stringValue().trim() : date.toString();
            try {
                // ISO dates per the docs; tolerate a time part after a space, as in the scrip master.
                int space = text.indexOf(' ');
                expiries.add(LocalDate.parse(space < 0 ? text : text.substring(0, space)));
            } catch (DateTimeParseException e) {
                throw badResponse(answer, "an expiry that is not a date: " + DhanErrors.abridge(text));
            }
        }
        return List.copyOf(expiries);
    }

    /** {@code {"data":{"last_price":..,"oc":{"25650.000000":{"ce":{..},"pe":{..}}, ...}}}}, legs by strike and side. */
    static OptionChainSnapshot snapshot(DhanPost.Answer answer) {
        JsonNode data = answer.body().get("data");
        if (data == null || !data.isObject()) {
            throw badResponse(answer, "a \"data\" that is not an object");
        }
        JsonNode oc = data.get("oc");
        if (oc == null || !(oc.isObject() || oc.isNull())) {
            throw badResponse(answer, "no \"oc\" object of strikes");
        }
        List<SnapshotLeg> legs = new ArrayList<>();
        if (oc.isObject()) {
            for (Map.Entry<String, JsonNode> entry : oc.properties()) {
                BigDecimal strike;
                try {
                    // Keys are decimal strings such as "25650.000000" (protocol §1.2): parse, never build.
                    strike = StrikePrices.parse(entry.getKey());
                } catch (NumberFormatException e) {
                    throw badResponse(answer, "a strike key that is not a number: " + DhanErrors.abridge(entry.getKey()));
                }
                // Deep out-of-the-money strikes may list only one side.
                addLeg(legs, strike, OptionType.CE, entry.getValue().get("ce"));
                addLeg(legs, strike, OptionType.PE, entry.getValue().get("pe"));
            }
        }
        legs.sort(Comparator.comparing(SnapshotLeg::strike).thenComparing(SnapshotLeg::type));
        return new OptionChainSnapshot(number(data, "last_price"), legs);
    }

    private static void addLeg(List<SnapshotLeg> legs, BigDecimal strike, OptionType type, JsonNode leg) {
        if (leg == null || !leg.isObject()) {
            return;
        }
        legs.add(new SnapshotLeg(strike, type, count(leg, "security_id"),
                price(leg, "last_price"), price(leg, "previous_close_price"),
                count(leg, "oi"), count(leg, "previous_oi"), count(leg, "volume"),
                price(leg, "top_bid_price"), count(leg, "top_bid_quantity"),
                price(leg, "top_ask_price"), count(leg, "top_ask_quantity")));
    }

    /**
     * A price, or NaN when there is none. Dhan writes 0 for a contract that has not traded or has no
     * bid/ask; no option trades at exactly 0, and the contract shows a price never received as null.
     */
    private static double price(JsonNode object, String field) {
        double value = number(object, field);
        return value > 0 ? value : Double.NaN;
    }

    /** A price, or NaN when Dhan did not send it. */
    private static double number(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isString()) {
            try {
                return Double.parseDouble(node.stringValue().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A quantity or id, or -1 when Dhan did not send it. */
    private static long count(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        double value = number(object, field);
        return Double.isNaN(value) ? -1 : (long) value;
    }

    private static MarketDataException badResponse(DhanPost.Answer answer, String what) {
        return new MarketDataException(answer.call(), answer.status() + " with " + what, Kind.BAD_RESPONSE);
    }
}
