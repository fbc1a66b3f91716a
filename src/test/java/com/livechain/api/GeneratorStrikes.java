package com.livechain.api;

import java.io.ByteArrayOutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.LegSnapshot;

/**
 * The strikes array of a chain body written the library's way: one {@link JsonGenerator} call per name and value,
 * doubles through {@code writeNumber(double)}, as {@link ChainJsonWriter} wrote them before {@link StrikesJson}.
 * What {@code LiveChainBenchmark.strikesThroughGenerator} weighs {@link StrikesJson} against (the style guide
 * keeps hand-written JSON only where a benchmark shows the hot path needs it), and a second Jackson-written
 * reference for its bytes.
 */
final class GeneratorStrikes {

    private GeneratorStrikes() {
    }

    /** The strikes of {@code r}'s window as a JSON array, brackets included. */
    static byte[] write(JsonMapper json, ChainViews.Reading r, ByteArrayOutputStream out) {
        out.reset();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartArray();
            for (int i = r.from; i < r.to; i++) {
                g.writeStartObject();
                g.writeName("strike");
                Number strike = r.priced.strike(i);
                if (strike instanceof Long whole) {
                    g.writeNumber(whole.longValue());
                } else {
                    g.writeNumber(strike.doubleValue());
                }
                g.writeName("ce");
                leg(g, r, i, true);
                g.writeName("pe");
                leg(g, r, i, false);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private static void leg(JsonGenerator g, ChainViews.Reading r, int strike, boolean call) {
        LegSnapshot s = call ? r.ce[strike] : r.pe[strike];
        if (s == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeName("securityId");
        g.writeNumber(s.securityId());
        g.writeName("ltp");
        price(g, s.ltp());
        g.writeName("bid");
        price(g, s.bid());
        g.writeName("ask");
        price(g, s.ask());
        g.writeName("bidQty");
        quantity(g, s.bidQty());
        g.writeName("askQty");
        quantity(g, s.askQty());
        g.writeName("volume");
        quantity(g, s.volume());
        g.writeName("oi");
        quantity(g, s.oi());
        g.writeName("oiChange");
        if (s.oiChange() == Long.MIN_VALUE) {
            g.writeNull();
        } else {
            g.writeNumber(s.oiChange());
        }
        g.writeName("prevClose");
        price(g, s.prevClose());
        LegPricings.Priced p = r.analytics(strike, call);
        boolean priced = p.priced();
        g.writeName("iv");
        finite(g, priced, p.iv() * 100, 2);
        g.writeName("delta");
        finite(g, priced, p.delta(), 4);
        g.writeName("gamma");
        finite(g, priced, p.gamma(), 6);
        g.writeName("theta");
        finite(g, priced, p.theta(), 2);
        g.writeName("vega");
        finite(g, priced, p.vega(), 2);
        g.writeName("updatedAt");
        String time = ChainViews.time(s.updatedAtMillis());
        if (time == null) {
            g.writeNull();
        } else {
            g.writeString(time);
        }
        g.writeName("stale");
        g.writeBoolean(r.stale(s.updatedAtMillis()));
        g.writeEndObject();
    }

    private static void price(JsonGenerator g, double value) {
        if (ChainViews.isPrice(value)) {
            g.writeNumber(ChainViews.round(value, 2));
        } else {
            g.writeNull();
        }
    }

    private static void finite(JsonGenerator g, boolean computed, double value, int decimals) {
        if (computed && Double.isFinite(value)) {
            g.writeNumber(ChainViews.round(value, decimals));
        } else {
            g.writeNull();
        }
    }

    private static void quantity(JsonGenerator g, long value) {
        if (value < 0) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
