package com.livechain.api;

import java.math.BigDecimal;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;

import com.livechain.analytics.BuildUp;
import com.livechain.analytics.ChainSummary;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.OptionChain;
import com.livechain.chain.Underlying;

/**
 * The body of {@code GET /options/live} written straight into a Jackson {@link JsonGenerator}, without the
 * {@link ChainView} records in between: the same fields in the same order, the same nulls, and every number
 * through the generator's own {@code writeNumber}, so the bytes are those Jackson writes for the records
 * ({@code ChainJsonWriterTest} compares the two). A render of a NIFTY weekly built about 1,300 objects
 * (a record per leg, a boxed {@code Double} per number, a {@code String} per timestamp) that the bean
 * serialiser then walked by reflection-built accessors; here the values go from the {@link ChainViews.Reading}
 * to the output. Rounded numbers are written from their digits ({@link RoundedDecimals}) when the generator
 * writes doubles as Java 19+ does (Jackson's {@code USE_FAST_DOUBLE_WRITER}, as the application configures it),
 * timestamps by {@link IstTimestamps}; everything else by the generator.
 *
 * <p>When {@link ChainView} gains a field, this writer must write it too: the comparison test fails until it does.
 */
final class ChainJsonWriter {

    private static final SerializableString SOURCE = name("source");
    private static final SerializableString UNDERLYING = name("underlying");
    private static final SerializableString SYMBOL = name("symbol");
    private static final SerializableString SECURITY_ID = name("securityId");
    private static final SerializableString SEGMENT = name("segment");
    private static final SerializableString LTP = name("ltp");
    private static final SerializableString PREV_CLOSE = name("prevClose");
    private static final SerializableString CHANGE = name("change");
    private static final SerializableString CHANGE_PCT = name("changePct");
    private static final SerializableString UPDATED_AT = name("updatedAt");
    private static final SerializableString STALE = name("stale");
    private static final SerializableString EXPIRY = name("expiry");
    private static final SerializableString EXPIRIES = name("expiries");
    private static final SerializableString LOT_SIZE = name("lotSize");
    private static final SerializableString STRIKE_STEP = name("strikeStep");
    private static final SerializableString ATM_STRIKE = name("atmStrike");
    private static final SerializableString AS_OF = name("asOf");
    private static final SerializableString STRIKES = name("strikes");
    private static final SerializableString STRIKE = name("strike");
    private static final SerializableString CE = name("ce");
    private static final SerializableString PE = name("pe");
    private static final SerializableString BID = name("bid");
    private static final SerializableString ASK = name("ask");
    private static final SerializableString BID_QTY = name("bidQty");
    private static final SerializableString ASK_QTY = name("askQty");
    private static final SerializableString VOLUME = name("volume");
    private static final SerializableString OI = name("oi");
    private static final SerializableString OI_CHANGE = name("oiChange");
    private static final SerializableString IV = name("iv");
    private static final SerializableString DELTA = name("delta");
    private static final SerializableString GAMMA = name("gamma");
    private static final SerializableString THETA = name("theta");
    private static final SerializableString VEGA = name("vega");
    private static final SerializableString SUMMARY = name("summary");
    private static final SerializableString PCR = name("pcr");
    private static final SerializableString MAX_PAIN = name("maxPain");
    private static final SerializableString TOTAL_CE_OI = name("totalCeOi");
    private static final SerializableString TOTAL_PE_OI = name("totalPeOi");
    private static final SerializableString TOTAL_OI_CHANGE = name("totalOiChange");
    private static final SerializableString BUILD_UP = name("buildUp");
    private static final SerializableString FORWARD = name("forward");
    private static final SerializableString ATM_IV = name("atmIv");
    private static final SerializableString STRADDLE = name("straddle");
    private static final SerializableString EXPECTED_MOVE = name("expectedMove");
    private static final SerializableString IV_RANK = name("ivRank");
    private static final SerializableString IV_PERCENTILE = name("ivPercentile");
    /** The build-up names as values, by ordinal: written without a String per leg. */
    private static final SerializableString[] BUILD_UPS = java.util.Arrays.stream(BuildUp.values())
            .map(b -> name(b.name())).toArray(SerializableString[]::new);

    private final ChainViews views;

    ChainJsonWriter(ChainViews views) {
        this.views = views;
    }

    private static SerializableString name(String name) {
        return new SerializedString(name);
    }

    /** Writes the chain as {@link ChainViews#render} would show it, as one JSON object. */
    void write(JsonGenerator out, String source, OptionChain chain, List<String> expiries, Integer strikesEachSide) {
        ChainViews.Reading r = views.read(chain, strikesEachSide);
        Scratch scratch = new Scratch(out.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER));
        Underlying underlying = r.underlying;
        out.writeStartObject();
        out.writeName(SOURCE);
        out.writeString(source);
        out.writeName(UNDERLYING);
        underlying(out, r, scratch);
        out.writeName(EXPIRY);
        out.writeString(chain.expiry().toString());
        out.writeName(EXPIRIES);
        out.writeStartArray();
        for (String expiry : expiries) {
            out.writeString(expiry);
        }
        out.writeEndArray();
        out.writeName(LOT_SIZE);
        out.writeNumber(underlying.lotSize());
        out.writeName(STRIKE_STEP);
        number(out, r.priced.strikeStep());
        out.writeName(ATM_STRIKE);
        number(out, r.atm >= 0 ? r.priced.strike(r.atm) : null);
        out.writeName(AS_OF);
        time(out, r.now, scratch);
        out.writeName(STRIKES);
        out.writeStartArray();
        for (int i = r.from; i < r.to; i++) {
            out.writeStartObject();
            out.writeName(STRIKE);
            number(out, r.priced.strike(i));
            out.writeName(CE);
            leg(out, r, i, true, scratch);
            out.writeName(PE);
            leg(out, r, i, false, scratch);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeName(SUMMARY);
        summary(out, r, scratch);
        out.writeEndObject();
    }

    /**
     * The render's buffers: IstTimestamps and RoundedDecimals write into them, the generator copies out. Whether
     * rounded numbers may bypass the generator: only when it would write them as RoundedDecimals does.
     */
    private static final class Scratch {
        final byte[] time = new byte[IstTimestamps.LENGTH];
        final char[] number = new char[RoundedDecimals.MAX_LENGTH];
        final boolean digits;

        Scratch(boolean digits) {
            this.digits = digits;
        }
    }

    private static void underlying(JsonGenerator out, ChainViews.Reading r, Scratch scratch) {
        LegSnapshot spot = r.spot;
        out.writeStartObject();
        out.writeName(SYMBOL);
        out.writeString(r.underlying.symbol());
        out.writeName(SECURITY_ID);
        out.writeNumber(r.underlying.ref().securityId());
        out.writeName(SEGMENT);
        out.writeString(r.underlying.ref().segment().name());
        // As ChainViews computes them: change and changePct from the rounded prices, each null without its inputs.
        boolean hasLtp = ChainViews.isPrice(spot.ltp());
        boolean hasPrevClose = ChainViews.isPrice(spot.prevClose());
        double ltp = hasLtp ? ChainViews.round(spot.ltp(), 2) : Double.NaN;
        double prevClose = hasPrevClose ? ChainViews.round(spot.prevClose(), 2) : Double.NaN;
        out.writeName(LTP);
        rounded(out, hasLtp, ltp, 2, scratch);
        out.writeName(PREV_CLOSE);
        rounded(out, hasPrevClose, prevClose, 2, scratch);
        boolean hasChange = hasLtp && hasPrevClose;
        double change = hasChange ? ChainViews.round(ltp - prevClose, 2) : Double.NaN;
        out.writeName(CHANGE);
        rounded(out, hasChange, change, 2, scratch);
        boolean hasChangePct = hasChange && prevClose != 0;
        out.writeName(CHANGE_PCT);
        rounded(out, hasChangePct, hasChangePct ? ChainViews.round(change / prevClose * 100, 2) : Double.NaN, 2, scratch);
        out.writeName(UPDATED_AT);
        time(out, spot.updatedAtMillis(), scratch);
        out.writeName(STALE);
        out.writeBoolean(r.stale(spot.updatedAtMillis()));
        out.writeEndObject();
    }

    private static void leg(JsonGenerator out, ChainViews.Reading r, int strike, boolean call, Scratch scratch) {
        LegSnapshot s = call ? r.ce[strike] : r.pe[strike];
        if (s == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        out.writeName(SECURITY_ID);
        out.writeNumber(s.securityId());
        out.writeName(LTP);
        price(out, s.ltp(), scratch);
        out.writeName(BID);
        price(out, s.bid(), scratch);
        out.writeName(ASK);
        price(out, s.ask(), scratch);
        out.writeName(BID_QTY);
        quantity(out, s.bidQty());
        out.writeName(ASK_QTY);
        quantity(out, s.askQty());
        out.writeName(VOLUME);
        quantity(out, s.volume());
        out.writeName(OI);
        quantity(out, s.oi());
        long oiChange = s.oiChange();
        out.writeName(OI_CHANGE);
        if (oiChange == Long.MIN_VALUE) {
            out.writeNull();
        } else {
            out.writeNumber(oiChange);
        }
        out.writeName(PREV_CLOSE);
        price(out, s.prevClose(), scratch);
        LegPricings.Priced p = r.analytics(strike, call);
        boolean priced = p.priced();
        out.writeName(IV);
        finite(out, priced, p.iv() * 100, 2, scratch);
        out.writeName(DELTA);
        finite(out, priced, p.delta(), 4, scratch);
        out.writeName(GAMMA);
        finite(out, priced, p.gamma(), 6, scratch);
        out.writeName(THETA);
        finite(out, priced, p.theta(), 2, scratch);
        out.writeName(VEGA);
        finite(out, priced, p.vega(), 2, scratch);
        out.writeName(UPDATED_AT);
        time(out, s.updatedAtMillis(), scratch);
        out.writeName(STALE);
        out.writeBoolean(r.stale(s.updatedAtMillis()));
        BuildUp buildUp = ChainViews.buildUp(s);
        out.writeName(BUILD_UP);
        if (buildUp == null) {
            out.writeNull();
        } else {
            out.writeString(BUILD_UPS[buildUp.ordinal()]);
        }
        out.writeEndObject();
    }

    private static void summary(JsonGenerator out, ChainViews.Reading r, Scratch scratch) {
        ChainSummary summary = r.summary;
        boolean anyOi = r.anyOi();
        out.writeStartObject();
        out.writeName(PCR);
        finite(out, true, summary.pcr(), 4, scratch);
        out.writeName(MAX_PAIN);
        number(out, Double.isNaN(summary.maxPain()) ? null : ChainViews.number(BigDecimal.valueOf(summary.maxPain())));
        out.writeName(TOTAL_CE_OI);
        longOrNull(out, anyOi, summary.totalCeOi());
        out.writeName(TOTAL_PE_OI);
        longOrNull(out, anyOi, summary.totalPeOi());
        out.writeName(TOTAL_OI_CHANGE);
        longOrNull(out, anyOi, summary.totalOiChange());
        out.writeName(FORWARD);
        finite(out, true, r.forward, 2, scratch);
        out.writeName(ATM_IV);
        finite(out, true, r.atmIv * 100, 2, scratch);
        out.writeName(STRADDLE);
        finite(out, true, r.straddle, 2, scratch);
        out.writeName(EXPECTED_MOVE);
        finite(out, true, r.expectedMove, 2, scratch);
        out.writeName(IV_RANK);
        finite(out, true, r.ivRankValue(), 1, scratch);
        out.writeName(IV_PERCENTILE);
        finite(out, true, r.ivPercentileValue(), 1, scratch);
        out.writeEndObject();
    }

    /** {@link ChainViews#price}: paise, or null for "no price". */
    private static void price(JsonGenerator out, double value, Scratch scratch) {
        boolean shown = ChainViews.isPrice(value);
        rounded(out, shown, shown ? ChainViews.round(value, 2) : Double.NaN, 2, scratch);
    }

    /** {@link ChainViews#finite}: rounded, or null when not computed or not finite. */
    private static void finite(JsonGenerator out, boolean computed, double value, int decimals, Scratch scratch) {
        boolean shown = computed && Double.isFinite(value);
        rounded(out, shown, shown ? ChainViews.round(value, decimals) : Double.NaN, decimals, scratch);
    }

    /** A value rounded to {@code decimals} places, from its digits where it may be, or null when not shown. */
    private static void rounded(JsonGenerator out, boolean shown, double value, int decimals, Scratch scratch) {
        if (!shown) {
            out.writeNull();
            return;
        }
        int length = scratch.digits ? RoundedDecimals.write(value, decimals, scratch.number) : -1;
        if (length > 0) {
            out.writeNumber(scratch.number, 0, length);
        } else {
            out.writeNumber(value);
        }
    }

    /** {@link ChainViews#quantity}: null below zero (never received). */
    private static void quantity(JsonGenerator out, long value) {
        longOrNull(out, value >= 0, value);
    }

    private static void longOrNull(JsonGenerator out, boolean shown, long value) {
        if (shown) {
            out.writeNumber(value);
        } else {
            out.writeNull();
        }
    }

    /** A {@link ChainViews#number}: a {@code Long} as an integer, a {@code Double} as a decimal. */
    private static void number(JsonGenerator out, Number value) {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Long whole) {
            out.writeNumber(whole.longValue());
        } else {
            out.writeNumber(value.doubleValue());
        }
    }

    /** {@link ChainViews#time}: the IST timestamp, or null before the first update. */
    private static void time(JsonGenerator out, long epochMillis, Scratch scratch) {
        if (epochMillis <= 0) {
            out.writeNull();
        } else if (IstTimestamps.write(epochMillis, scratch.time, 0)) {
            // Digits, '-', ':', '.', 'T' and '+': nothing to escape, so the bytes go out as they are.
            out.writeRawUTF8String(scratch.time, 0, IstTimestamps.LENGTH);
        } else {
            out.writeString(IstTimestamps.format(epochMillis));
        }
    }
}
