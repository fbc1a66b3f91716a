package com.livechain.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;

import com.livechain.analytics.ChainSummary;
import com.livechain.chain.LegSnapshot;
import com.livechain.chain.OptionChain;
import com.livechain.chain.Underlying;

/**
 * The body of {@code GET /options/live} written straight into a Jackson {@link JsonGenerator}, without the
 * {@link ChainView} records in between: the same fields in the same order, the same nulls, the same numbers, so
 * the bytes are those Jackson writes for the records ({@code ChainJsonWriterTest} compares the two). A render of
 * a NIFTY weekly built about 1,300 objects (a record per leg, a boxed {@code Double} per number, a {@code String}
 * per timestamp) that the bean serialiser then walked; here the values go from the {@link ChainViews.Reading} to
 * the output. The generator writes the envelope (where the strings are); the strikes, nine tenths of the bytes
 * and nothing to escape, are written as bytes by {@link StrikesJson} and handed to the generator's output
 * between its {@code [} and {@code ]}.
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
    private static final SerializableString SUMMARY = name("summary");
    private static final SerializableString PCR = name("pcr");
    private static final SerializableString MAX_PAIN = name("maxPain");
    private static final SerializableString TOTAL_CE_OI = name("totalCeOi");
    private static final SerializableString TOTAL_PE_OI = name("totalPeOi");
    private static final SerializableString TOTAL_OI_CHANGE = name("totalOiChange");
    private static final SerializableString FORWARD = name("forward");
    private static final SerializableString ATM_IV = name("atmIv");
    private static final SerializableString STRADDLE = name("straddle");
    private static final SerializableString EXPECTED_MOVE = name("expectedMove");
    private static final SerializableString IV_RANK = name("ivRank");
    private static final SerializableString IV_PERCENTILE = name("ivPercentile");

    private final ChainViews views;

    ChainJsonWriter(ChainViews views) {
        this.views = views;
    }

    private static SerializableString name(String name) {
        return new SerializedString(name);
    }

    /**
     * Writes the chain as {@link ChainViews#render} would show it, as one JSON object.
     *
     * @param out a generator over an {@link OutputStream} ({@code JsonMapper.createGenerator(OutputStream)})
     */
    void write(JsonGenerator out, String source, OptionChain chain, List<String> expiries, Integer strikesEachSide) {
        if (!(out.streamWriteOutputTarget() instanceof OutputStream target)) {
            throw new IllegalArgumentException("ChainJsonWriter writes through a generator over an OutputStream, not "
                    + out.streamWriteOutputTarget());
        }
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
        StrikesJson strikes = new StrikesJson(scratch.shortestDoubles, 600 * (r.to - r.from));
        strikes.write(r);
        // The generator's '[' goes out first; the strikes after it; then the generator closes the array, which to
        // it is empty, so it adds no comma inside.
        out.flush();
        try {
            target.write(strikes.bytes(), 0, strikes.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeEndArray();
        out.writeName(SUMMARY);
        summary(out, r);
        out.writeEndObject();
    }

    /** The render's timestamp buffer (IstTimestamps writes, the generator copies out), and how doubles are written. */
    private static final class Scratch {
        final byte[] time = new byte[IstTimestamps.LENGTH];
        final boolean shortestDoubles;

        Scratch(boolean shortestDoubles) {
            this.shortestDoubles = shortestDoubles;
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
        rounded(out, hasLtp, ltp);
        out.writeName(PREV_CLOSE);
        rounded(out, hasPrevClose, prevClose);
        boolean hasChange = hasLtp && hasPrevClose;
        double change = hasChange ? ChainViews.round(ltp - prevClose, 2) : Double.NaN;
        out.writeName(CHANGE);
        rounded(out, hasChange, change);
        boolean hasChangePct = hasChange && prevClose != 0;
        out.writeName(CHANGE_PCT);
        rounded(out, hasChangePct, hasChangePct ? ChainViews.round(change / prevClose * 100, 2) : Double.NaN);
        out.writeName(UPDATED_AT);
        time(out, spot.updatedAtMillis(), scratch);
        out.writeName(STALE);
        out.writeBoolean(r.stale(spot.updatedAtMillis()));
        out.writeEndObject();
    }

    private static void summary(JsonGenerator out, ChainViews.Reading r) {
        ChainSummary summary = r.summary;
        boolean anyOi = r.anyOi();
        out.writeStartObject();
        out.writeName(PCR);
        finite(out, true, summary.pcr(), 4);
        out.writeName(MAX_PAIN);
        number(out, Double.isNaN(summary.maxPain()) ? null : ChainViews.number(BigDecimal.valueOf(summary.maxPain())));
        out.writeName(TOTAL_CE_OI);
        longOrNull(out, anyOi, summary.totalCeOi());
        out.writeName(TOTAL_PE_OI);
        longOrNull(out, anyOi, summary.totalPeOi());
        out.writeName(TOTAL_OI_CHANGE);
        longOrNull(out, anyOi, summary.totalOiChange());
        out.writeName(FORWARD);
        finite(out, true, r.forward, 2);
        out.writeName(ATM_IV);
        finite(out, true, r.atmIv * 100, 2);
        out.writeName(STRADDLE);
        finite(out, true, r.straddle, 2);
        out.writeName(EXPECTED_MOVE);
        finite(out, true, r.expectedMove, 2);
        out.writeName(IV_RANK);
        finite(out, true, r.ivRankValue(), 1);
        out.writeName(IV_PERCENTILE);
        finite(out, true, r.ivPercentileValue(), 1);
        out.writeEndObject();
    }

    /** {@link ChainViews#finite}: rounded, or null when not computed or not finite. */
    private static void finite(JsonGenerator out, boolean computed, double value, int decimals) {
        boolean shown = computed && Double.isFinite(value);
        rounded(out, shown, shown ? ChainViews.round(value, decimals) : Double.NaN);
    }

    /** A rounded value, or null when not shown. */
    private static void rounded(JsonGenerator out, boolean shown, double value) {
        if (shown) {
            out.writeNumber(value);
        } else {
            out.writeNull();
        }
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
