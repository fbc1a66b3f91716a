package com.livechain.dhan.feed;

import java.util.ArrayList;
import java.util.List;

import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;

/**
 * Splits the chain's instruments into feed connections and subscription messages within Dhan's
 * limits (protocol §3.3): at most 100 instruments a JSON message, 5000 a connection, 5 connections a
 * user. Options go in Full mode (RequestCode 21, for depth and OI), underlyings in Ticker mode (15),
 * as the contract says. Underlyings come first, then the options in the index's order (nearest expiry,
 * then nearest the money: {@code ChainAssembler}), so a universe too large for the allowance loses the
 * furthest expiries' far strikes, never an index.
 *
 * @param connections one entry per connection to open, each with the messages to send once it is open
 * @param dropped     instruments left out because the universe exceeds {@code maxConnections × maxInstrumentsPerConnection}
 */
public record Subscriptions(List<Connection> connections, int dropped) {

    public static final int TICKER = 15;
    public static final int FULL = 21;
    /** Disconnect feed: sent on shutdown. */
    public static final String DISCONNECT_MESSAGE = "{\"RequestCode\":12}";

    public Subscriptions {
        connections = List.copyOf(connections);
    }

    /** Instruments subscribed over all connections. */
    public int instrumentCount() {
        int n = 0;
        for (Connection c : connections) {
            n += c.instrumentCount();
        }
        return n;
    }

    /**
     * The instruments of one connection and the text frames that subscribe them.
     *
     * @param messages JSON subscription messages, each for at most {@code maxInstrumentsPerMessage} instruments
     */
    public record Connection(int instrumentCount, List<String> messages) {
        public Connection {
            messages = List.copyOf(messages);
        }
    }

    public static Subscriptions plan(InstrumentIndex index, FeedProperties properties) {
        int perConnection = properties.maxInstrumentsPerConnection();
        int perMessage = properties.maxInstrumentsPerMessage();
        int capacity = perConnection * properties.maxConnections();

        List<Leg> underlyings = index.underlyings();
        List<Leg> options = index.options();
        int total = underlyings.size() + options.size();
        int kept = Math.min(total, capacity);

        List<Connection> connections = new ArrayList<>();
        for (int start = 0; start < kept; start += perConnection) {
            int end = Math.min(kept, start + perConnection);
            List<String> messages = new ArrayList<>();
            // Positions [start, end) run over underlyings first, then options.
            int u0 = Math.min(start, underlyings.size());
            int u1 = Math.min(end, underlyings.size());
            addMessages(messages, TICKER, underlyings.subList(u0, u1), perMessage);
            int o0 = Math.max(start, underlyings.size()) - underlyings.size();
            int o1 = Math.max(end, underlyings.size()) - underlyings.size();
            addMessages(messages, FULL, options.subList(o0, o1), perMessage);
            connections.add(new Connection(end - start, messages));
        }
        return new Subscriptions(connections, total - kept);
    }

    private static void addMessages(List<String> messages, int requestCode, List<Leg> legs, int perMessage) {
        for (int i = 0; i < legs.size(); i += perMessage) {
            messages.add(message(requestCode, legs.subList(i, Math.min(legs.size(), i + perMessage))));
        }
    }

    /**
     * {@code {"RequestCode":21,"InstrumentCount":2,"InstrumentList":[{"ExchangeSegment":"NSE_FNO","SecurityId":"40123"},...]}}.
     * Written by hand: segment names and decimal ids need no escaping, and Dhan wants the id as a string.
     */
    static String message(int requestCode, List<Leg> legs) {
        StringBuilder json = new StringBuilder(64 + 48 * legs.size());
        json.append("{\"RequestCode\":").append(requestCode)
                .append(",\"InstrumentCount\":").append(legs.size())
                .append(",\"InstrumentList\":[");
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"ExchangeSegment\":\"").append(leg.segment().name())
                    .append("\",\"SecurityId\":\"").append(leg.securityId()).append("\"}");
        }
        return json.append("]}").toString();
    }
}
