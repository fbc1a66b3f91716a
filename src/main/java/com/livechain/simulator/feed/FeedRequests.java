package com.livechain.simulator.feed;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ExchangeSegment;
import com.livechain.simulator.SimulatorCounters;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.SimInstrument;
import com.livechain.simulator.market.SimulatedMarket;

/**
 * A connection's subscription requests (protocol §3.2): subscribe and unsubscribe in ticker (15/16), quote
 * (17/18) or full (21/22) mode, within Dhan's limits of instruments per message and per connection, and
 * disconnect (12). A new subscription gets the instrument's previous close once, then its current packets.
 */
final class FeedRequests {

    /** {@link #handle} result: the connection carries on. */
    static final int CARRY_ON = -1;
    /** {@link #handle} result: close normally, without a disconnect packet (the client asked, code 12). */
    static final int CLOSE = 0;

    private final SimulatedMarket market;
    private final SimulatorCounters counters;
    private final SimulatorProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    FeedRequests(SimulatedMarket market, SimulatorCounters counters, SimulatorProperties properties) {
        this.market = market;
        this.counters = counters;
        this.properties = properties;
    }

    /**
     * Carries out one JSON text frame; returns {@link #CARRY_ON}, {@link #CLOSE}, or the Dhan disconnect
     * reason to end the connection with.
     */
    int handle(FeedConnection connection, String text) {
        JsonNode request;
        try {
            request = json.readTree(text);
        } catch (JacksonException e) {
            request = null;
        }
        JsonNode code = request == null ? null : request.get("RequestCode");
        if (code == null || !code.isIntegralNumber()) {
            counters.onInvalidRequest();
            return FeedHub.INVALID_REQUEST;
        }
        int requestCode = code.asInt();
        return switch (requestCode) {
            case 12 -> {
                counters.onRequest(12, 0);
                yield CLOSE;
            }
            case 15, 17, 21 -> subscribe(connection, requestCode, request, true);
            case 16, 18, 22 -> subscribe(connection, requestCode, request, false);
            default -> {
                // 11 (v1 connect) and 23/24 (depth, separate endpoints) are not for this feed.
                counters.onRequest(requestCode, 0);
                counters.onInvalidRequest();
                yield CARRY_ON;
            }
        };
    }

    private int subscribe(FeedConnection connection, int requestCode, JsonNode request, boolean add) {
        JsonNode list = request.get("InstrumentList");
        if (list == null || !list.isArray()) {
            counters.onRequest(requestCode, 0);
            counters.onInvalidRequest();
            return FeedHub.INVALID_REQUEST;
        }
        counters.onRequest(requestCode, list.size());
        JsonNode declared = request.get("InstrumentCount");
        int declaredCount = declared != null && declared.canConvertToInt() ? declared.asInt() : list.size();
        if (list.size() > properties.maxInstrumentsPerMessage() || declaredCount > properties.maxInstrumentsPerMessage()) {
            return FeedHub.TOO_MANY_INSTRUMENTS;
        }
        int mode = switch (requestCode) {
            case 15, 16 -> FeedConnection.MODE_TICKER;
            case 17, 18 -> FeedConnection.MODE_QUOTE;
            default -> FeedConnection.MODE_FULL;
        };
        synchronized (market) {
            List<SimInstrument> instruments = new ArrayList<>(list.size());
            for (JsonNode item : list) {
                SimInstrument instrument = resolve(item);
                if (instrument == null) {
                    counters.onUnknownInstrument();
                } else if (!instruments.contains(instrument)) {
                    instruments.add(instrument);
                }
            }
            if (!add) {
                unsubscribe(connection, instruments, mode);
                return CARRY_ON;
            }
            int added = 0;
            for (SimInstrument instrument : instruments) {
                if (connection.modes[instrument.ordinal] == 0) {
                    added++;
                }
            }
            if (connection.subscribed + added > properties.maxInstrumentsPerConnection()) {
                return FeedHub.TOO_MANY_INSTRUMENTS;
            }
            // Market status (7) has no documented body or trigger (§3.5); one header-only packet ahead of the
            // first subscription's data makes every decoder meet it early.
            if (!connection.marketStatusSent) {
                connection.marketStatusSent = true;
                PacketWriter.marketStatus(connection.frameFor(PacketWriter.MARKET_STATUS_LENGTH));
                connection.countPacket(PacketWriter.MARKET_STATUS);
            }
            for (SimInstrument instrument : instruments) {
                int o = instrument.ordinal;
                int before = connection.modes[o];
                if ((before & mode) != 0) {
                    continue;
                }
                connection.modes[o] = (byte) (before | mode);
                if (before == 0) {
                    connection.subscribed++;
                }
                if (!connection.prevCloseSent.get(o)) {
                    connection.prevCloseSent.set(o);
                    PacketWriter.prevClose(connection.frameFor(PacketWriter.PREV_CLOSE_LENGTH), instrument);
                    connection.countPacket(PacketWriter.PREV_CLOSE);
                }
                connection.write(instrument, mode);
            }
            connection.flush();
            return CARRY_ON;
        }
    }

    private static void unsubscribe(FeedConnection connection, List<SimInstrument> instruments, int mode) {
        for (SimInstrument instrument : instruments) {
            int o = instrument.ordinal;
            int before = connection.modes[o];
            if ((before & mode) == 0) {
                continue;
            }
            connection.modes[o] = (byte) (before & ~mode);
            if (connection.modes[o] == 0) {
                connection.subscribed--;
                connection.prevCloseSent.clear(o);
            }
        }
    }

    /** {"ExchangeSegment":"NSE_FNO","SecurityId":"35001"}; SecurityId is a string in Dhan's protocol. */
    private SimInstrument resolve(JsonNode item) {
        JsonNode segment = item.get("ExchangeSegment");
        JsonNode id = item.get("SecurityId");
        if (segment == null || !segment.isString() || id == null || !id.isString()) {
            return null;
        }
        try {
            return market.find(ExchangeSegment.valueOf(segment.stringValue()), Long.parseLong(id.stringValue()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
