package com.livechain.simulator.rest;

import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.ExpiryCalendar;
import com.livechain.simulator.market.IndexSpec;
import com.livechain.simulator.market.SimExpiry;
import com.livechain.simulator.market.SimIndex;
import com.livechain.simulator.market.SimLeg;
import com.livechain.simulator.market.SimulatedMarket;
import com.livechain.simulator.admin.SimulatorFaults;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.livechain.chain.ExchangeSegment;

/**
 * The detailed scrip master CSV (protocol §2.2) for the simulated universe: INDEX rows, FUTIDX rows (one per
 * monthly expiry), every OPTIDX contract, and a few equities so a parser meets rows it must skip.
 *
 * <p>Formats follow rows of the live {@code api-scrip-master-detailed.csv} seen in public fixtures: the header
 * ends with a comma (an unnamed last column) and so does every row; LOT_SIZE is a decimal ({@code 75.0});
 * STRIKE_PRICE has five decimals ({@code 26000.00000}) and is {@code -0.01000} with OPTION_TYPE {@code XX} on
 * futures; TICK_SIZE of derivatives is in paise ({@code 5.0000} = 0.05 rupees); SYMBOL_NAME repeats across
 * the weeklies of a month, so it is not a key. SM_EXPIRY_DATE is written {@code YYYY-MM-DD 14:30:00}, one of
 * the two forms protocol §2.3 lists.
 */
public final class ScripMaster {

    static final String HEADER = "EXCH_ID,SEGMENT,SECURITY_ID,ISIN,INSTRUMENT,UNDERLYING_SECURITY_ID,"
            + "UNDERLYING_SYMBOL,SYMBOL_NAME,DISPLAY_NAME,INSTRUMENT_TYPE,SERIES,LOT_SIZE,SM_EXPIRY_DATE,"
            + "STRIKE_PRICE,OPTION_TYPE,TICK_SIZE,EXPIRY_FLAG,BRACKET_FLAG,COVER_FLAG,ASM_GSM_FLAG,"
            + "ASM_GSM_CATEGORY,BUY_SELL_INDICATOR,BUY_CO_MIN_MARGIN_PER,BUY_CO_SL_RANGE_MAX_PERC,"
            + "BUY_CO_SL_RANGE_MIN_PERC,BUY_BO_MIN_MARGIN_PER,BUY_BO_PROFIT_RANGE_MAX_PERC,"
            + "BUY_BO_PROFIT_RANGE_MIN_PERC,MTF_LEVERAGE,SM_UPPER_LIMIT,SM_LOWER_LIMIT,SM_FREEZE_QTY,";

    private static final DateTimeFormatter SYMBOL_MONTH = DateTimeFormatter.ofPattern("MMMyyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DISPLAY_DAY = DateTimeFormatter.ofPattern("dd MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DISPLAY_MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

    /** A few real NSE/BSE equities (security id, ISIN, symbol, name). */
    private static final List<String[]> EQUITIES = List.of(
            new String[] {"NSE", "1333", "INE040A01034", "HDFCBANK", "HDFC BANK LTD", "HDFC Bank"},
            new String[] {"NSE", "2885", "INE002A01018", "RELIANCE", "RELIANCE INDUSTRIES LTD", "Reliance Industries"},
            new String[] {"NSE", "1594", "INE009A01021", "INFY", "INFOSYS LIMITED", "Infosys"},
            new String[] {"NSE", "11536", "INE467B01029", "TCS", "TATA CONSULTANCY SERV LT", "TCS"},
            new String[] {"BSE", "500325", "INE002A01018", "RELIANCE", "RELIANCE INDUSTRIES LTD", "Reliance Industries"});

    private ScripMaster() {
    }

    public static byte[] csv(SimulatedMarket market, SimulatorProperties.UnderlyingIdStyle style) {
        StringBuilder out = new StringBuilder(256 * (market.instrumentCount() + 64));
        out.append(HEADER).append('\n');
        synchronized (market) {
            for (String exchange : List.of("NSE", "BSE")) {
                for (SimIndex index : market.indices()) {
                    if (index.spec.exchange().equals(exchange)) {
                        indexRow(out, index);
                    }
                }
                for (String[] equity : EQUITIES) {
                    if (equity[0].equals(exchange)) {
                        equityRow(out, equity);
                    }
                }
                for (SimIndex index : market.indices()) {
                    if (!index.spec.exchange().equals(exchange)) {
                        continue;
                    }
                    for (SimExpiry expiry : index.expiries) {
                        for (int i = 0; i < expiry.strikes.length; i++) {
                            optionRow(out, expiry.calls[i], style);
                            optionRow(out, expiry.puts[i], style);
                        }
                    }
                }
                // Futures ids come from the options' number range, handed out once (see MarketListing).
                for (SimIndex index : market.indices()) {
                    if (!index.spec.exchange().equals(exchange)) {
                        continue;
                    }
                    for (SimExpiry expiry : index.expiries) {
                        if (expiry.kind != ExpiryCalendar.Kind.WEEKLY) {
                            futureRow(out, index, expiry, expiry.futureId(), style);
                        }
                    }
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The file spoiled as {@code fault} says, for the reload tests: a download that broke off after {@code kept}
     * of its bytes (at a row's end or in the middle of one), an empty file, or the header alone.
     */
    public static byte[] spoiled(byte[] csv, SimulatorFaults.ScripMasterFault fault, double kept) {
        return switch (fault) {
            case NONE -> csv;
            case EMPTY -> new byte[0];
            case HEADER_ONLY -> (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
            case TRUNCATED -> Arrays.copyOf(csv, lastRowEndBefore(csv, (int) (csv.length * kept)));
            case CUT_MID_ROW -> {
                int end = lastRowEndBefore(csv, (int) (csv.length * kept));
                yield Arrays.copyOf(csv, Math.min(csv.length, end + 40));
            }
        };
    }

    private static int lastRowEndBefore(byte[] csv, int limit) {
        for (int i = Math.min(limit, csv.length) - 1; i >= 0; i--) {
            if (csv[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static void indexRow(StringBuilder out, SimIndex index) {
        IndexSpec spec = index.spec;
        row(out, spec.exchange(), "I", Long.toString(spec.securityId()), "NA", "INDEX",
                Long.toString(spec.securityId()), spec.symbol(), spec.symbol(), spec.displayName(), "INDEX", "NA",
                "1.0", "0001-01-01", "", "XX", "0.0500", "N", "0.0000", "0.0000", "0");
    }

    private static void equityRow(StringBuilder out, String[] equity) {
        row(out, equity[0], "E", equity[1], equity[2], "EQUITY", "", equity[3], equity[4], equity[5], "ES", "EQ",
                "1.0", "", "", "", "10.0000", "NA", "0.0000", "0.0000", "0");
    }

    private static void futureRow(StringBuilder out, SimIndex index, SimExpiry expiry, long securityId,
                                  SimulatorProperties.UnderlyingIdStyle style) {
        IndexSpec spec = index.spec;
        String month = expiry.date.format(DISPLAY_MONTH).toUpperCase(Locale.ENGLISH);
        row(out, spec.exchange(), "D", Long.toString(securityId), "NA", "FUTIDX", underlyingId(spec, style),
                spec.symbol(), spec.symbol() + "-" + expiry.date.format(SYMBOL_MONTH) + "-FUT",
                spec.symbol() + " " + month + " FUT", "FUT", "NA", spec.lotSize() + ".0", expiryDate(expiry.date),
                "-0.01000", "XX", "10.0000", "M",
                decimal4(index.prevClose * 1.1), decimal4(index.prevClose * 0.9), Integer.toString(freeze(spec)));
    }

    private static void optionRow(StringBuilder out, SimLeg leg, SimulatorProperties.UnderlyingIdStyle style) {
        IndexSpec spec = leg.expiry.index.spec;
        LocalDate date = leg.expiry.date;
        String type = leg.type.name();
        String strike = Integer.toString(leg.strike);
        row(out, spec.exchange(), "D", Long.toString(leg.securityId), "NA", "OPTIDX", underlyingId(spec, style),
                spec.symbol(), spec.symbol() + "-" + date.format(SYMBOL_MONTH) + "-" + strike + "-" + type,
                spec.symbol() + " " + date.format(DISPLAY_DAY).toUpperCase(Locale.ENGLISH) + " " + strike + " "
                        + (leg.call() ? "CALL" : "PUT"),
                leg.segment == ExchangeSegment.BSE_FNO ? "OPTIDX" : "OP", "NA", spec.lotSize() + ".0",
                expiryDate(date), strike + ".00000", type, "5.0000", leg.expiry.flag(),
                decimal4(leg.prevClose * 3 + 20), "0.0500", Integer.toString(freeze(spec)));
    }

    /** The 32 named columns and the unnamed last one; margin and range columns are zero as in the live file. */
    private static void row(StringBuilder out, String exchange, String segment, String securityId, String isin,
                            String instrument, String underlyingId, String underlyingSymbol, String symbolName,
                            String displayName, String instrumentType, String series, String lotSize, String expiry,
                            String strike, String optionType, String tickSize, String expiryFlag, String upper,
                            String lower, String freeze) {
        out.append(exchange).append(',').append(segment).append(',').append(securityId).append(',')
                .append(isin).append(',').append(instrument).append(',').append(underlyingId).append(',')
                .append(underlyingSymbol).append(',').append(symbolName).append(',').append(displayName).append(',')
                .append(instrumentType).append(',').append(series).append(',').append(lotSize).append(',')
                .append(expiry).append(',').append(strike).append(',').append(optionType).append(',')
                .append(tickSize).append(',').append(expiryFlag).append(',')
                .append("N,N,N,NA,A,0,0,0,0,0,0,0,")
                .append(upper).append(',').append(lower).append(',').append(freeze).append(",\n");
    }

    private static String underlyingId(IndexSpec spec, SimulatorProperties.UnderlyingIdStyle style) {
        return Long.toString(style == SimulatorProperties.UnderlyingIdStyle.EXCHANGE_TOKEN
                ? spec.exchangeToken() : spec.securityId());
    }

    private static String expiryDate(LocalDate date) {
        return date + " 14:30:00";
    }

    /** Exchange freeze quantity, roughly 24 lots for these indices. */
    private static int freeze(IndexSpec spec) {
        return spec.lotSize() * 24;
    }

    private static String decimal4(double value) {
        return String.format(Locale.ROOT, "%.4f", SimulatedMarket.roundTick(value));
    }
}
