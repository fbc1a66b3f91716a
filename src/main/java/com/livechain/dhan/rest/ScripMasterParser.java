package com.livechain.dhan.rest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.universe.MarketDataException;
import com.livechain.chain.OptionType;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UnderlyingUniverse;
import com.livechain.universe.UniverseLoad;

/**
 * Reads Dhan's detailed scrip master ({@code api-scrip-master-detailed.csv}, about 100 MB and
 * 200k rows) as a stream and keeps only the live index options of the requested underlyings.
 *
 * <p>Columns are found by header name, never by position: Dhan documents the names, not the order
 * (protocol §2.2), and the real header ends with a trailing comma, i.e. an unnamed last column.
 * A kept row is {@code INSTRUMENT=OPTIDX}, {@code SEGMENT=D}, {@code OPTION_TYPE} CE or PE (§2.3).
 *
 * <p>The underlying's own id is taken from its {@code INSTRUMENT=INDEX} row ({@code SEGMENT=I},
 * same exchange): that is the {@code IDX_I} id the option-chain API and the feed want (13 for
 * NIFTY). The options' {@code UNDERLYING_SECURITY_ID} is only the fallback: the real file has been
 * seen to carry the exchange's F&O underlying code there (26000 for NIFTY, 26009 for BANKNIFTY;
 * third-party fixtures copied from the live file), not the index id.
 */
@Component
public class ScripMasterParser {

    private static final Logger log = LoggerFactory.getLogger(ScripMasterParser.class);

    static final String EXCH_ID = "EXCH_ID";
    static final String SEGMENT = "SEGMENT";
    static final String SECURITY_ID = "SECURITY_ID";
    static final String INSTRUMENT = "INSTRUMENT";
    static final String UNDERLYING_SECURITY_ID = "UNDERLYING_SECURITY_ID";
    static final String UNDERLYING_SYMBOL = "UNDERLYING_SYMBOL";
    static final String SYMBOL_NAME = "SYMBOL_NAME";
    static final String LOT_SIZE = "LOT_SIZE";
    static final String SM_EXPIRY_DATE = "SM_EXPIRY_DATE";
    static final String STRIKE_PRICE = "STRIKE_PRICE";
    static final String OPTION_TYPE = "OPTION_TYPE";

    private static final List<String> REQUIRED = List.of(EXCH_ID, SEGMENT, SECURITY_ID, INSTRUMENT,
            UNDERLYING_SECURITY_ID, UNDERLYING_SYMBOL, LOT_SIZE, SM_EXPIRY_DATE, STRIKE_PRICE, OPTION_TYPE);

    /** How many other underlyings a "missing" sentence names before it says "...". */
    private static final int LISTED_SYMBOLS_CAP = 12;

    private final ObjectReader rowReader;

    public ScripMasterParser() {
        CsvMapper mapper = CsvMapper.builder()
                .enable(CsvReadFeature.WRAP_AS_ARRAY)
                .enable(CsvReadFeature.TRIM_SPACES)
                .enable(CsvReadFeature.SKIP_EMPTY_LINES)
                .build();
        this.rowReader = mapper.readerFor(String[].class);
    }

    /**
     * Streams {@code csv} once, closing it at the end, and returns the universe of each requested symbol.
     *
     * @param csv     the detailed scrip master
     * @param call    where the CSV came from, for errors, e.g. {@code GET https://images.dhan.co/...}
     * @param symbols underlying symbols, matched case-insensitively against {@code UNDERLYING_SYMBOL}
     * @param today   options that expired before this day are dropped; those expiring today are kept
     * @throws MarketDataException BAD_RESPONSE when the header lacks a needed column or the CSV does
     *                             not parse, UNAVAILABLE when reading the stream fails
     */
    public UniverseLoad parse(InputStream csv, String call, Set<String> symbols, LocalDate today) {
        Set<String> wanted = symbols.stream().map(ScripMasterParser::upper)
                .collect(Collectors.toCollection(TreeSet::new));
        Scan scan = new Scan(wanted, today);
        long row = 0;
        try (MappingIterator<String[]> rows = rowReader.readValues(csv)) {
            if (!rows.hasNextValue()) {
                throw new MarketDataException(call, "an empty CSV", MarketDataException.Kind.BAD_RESPONSE);
            }
            Columns columns = Columns.of(rows.nextValue(), call);
            while (rows.hasNextValue()) {
                row++;
                scan.accept(columns, rows.nextValue(), row);
            }
        } catch (JacksonIOException e) {
            throw new MarketDataException(call, "a CSV that broke off after " + row + " rows ("
                    + e.getOriginalMessage() + ")", MarketDataException.Kind.UNAVAILABLE, e);
        } catch (JacksonException e) {
            throw new MarketDataException(call, "a CSV that does not parse after " + row + " rows ("
                    + e.getOriginalMessage() + ")", MarketDataException.Kind.BAD_RESPONSE, e);
        }
        if (scan.skipped > 0) {
            log.warn("Scrip master {}: skipped {} index-option rows of {} that did not parse (first: {})",
                    call, scan.skipped, wanted, scan.firstSkipReason);
        }
        return scan.result();
    }

    private static String upper(String s) {
        return s.trim().toUpperCase(Locale.ROOT);
    }

    /** Column positions, found from the header once. */
    private record Columns(int exchId, int segment, int securityId, int instrument, int underlyingId,
                           int underlyingSymbol, int symbolName, int lotSize, int expiry, int strike,
                           int optionType, int last) {

        static Columns of(String[] header, String call) {
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                // The real file may start with a UTF-8 byte-order mark; it ends with an unnamed column.
                String name = upper(header[i].replace("\uFEFF", ""));
                if (!name.isEmpty()) {
                    byName.putIfAbsent(name, i);
                }
            }
            List<String> absent = REQUIRED.stream().filter(n -> !byName.containsKey(n)).toList();
            if (!absent.isEmpty()) {
                throw new MarketDataException(call, "a CSV without the columns " + String.join(", ", absent)
                        + " (its header: " + abbreviate(String.join(",", header), 300) + ")",
                        MarketDataException.Kind.BAD_RESPONSE);
            }
            return new Columns(byName.get(EXCH_ID), byName.get(SEGMENT), byName.get(SECURITY_ID),
                    byName.get(INSTRUMENT), byName.get(UNDERLYING_SECURITY_ID), byName.get(UNDERLYING_SYMBOL),
                    byName.getOrDefault(SYMBOL_NAME, -1), byName.get(LOT_SIZE), byName.get(SM_EXPIRY_DATE),
                    byName.get(STRIKE_PRICE), byName.get(OPTION_TYPE),
                    REQUIRED.stream().mapToInt(byName::get).max().orElseThrow());
        }
    }

    /** A row value that is not what the column promises. */
    private static final class BadValue extends Exception {
        BadValue(String column, String value) {
            super(column + " '" + abbreviate(value, 40) + "'", null, false, false);
        }
    }

    /** The state of one pass over the file. */
    private static final class Scan {
        private final Set<String> wanted;
        private final LocalDate today;
        private final Map<String, Map<Long, Instrument>> options = new LinkedHashMap<>();
        /** symbol -> the UNDERLYING_SECURITY_ID values its kept options carry, with counts. */
        private final Map<String, Map<Long, Integer>> optionUnderlyingIds = new HashMap<>();
        /** "SYMBOL@EXCH" -> security id of the INDEX row. */
        private final Map<String, Long> indexIds = new HashMap<>();
        private final Set<String> liveOptionSymbols = new TreeSet<>();
        private final Set<String> expiredOptionSymbols = new HashSet<>();
        private long skipped;
        private String firstSkipReason;

        Scan(Set<String> wanted, LocalDate today) {
            this.wanted = wanted;
            this.today = today;
        }

        void accept(Columns c, String[] row, long rowNumber) {
            String instrument = field(row, c.instrument);
            if ("OPTIDX".equals(instrument)) {
                acceptOption(c, row, rowNumber);
            } else if ("INDEX".equals(instrument)) {
                acceptIndex(c, row, rowNumber);
            }
        }

        private void acceptOption(Columns c, String[] row, long rowNumber) {
            if (row.length <= c.last) {
                if (wanted.contains(upper(field(row, c.underlyingSymbol)))) {
                    skip(rowNumber, "only " + row.length + " fields");
                }
                return;
            }
            OptionType type = optionType(field(row, c.optionType));
            if (type == null || !"D".equals(field(row, c.segment))) {
                return;
            }
            String symbol = upper(field(row, c.underlyingSymbol));
            boolean isWanted = wanted.contains(symbol);
            try {
                LocalDate expiry = expiry(field(row, c.expiry));
                if (expiry == null) {
                    throw new BadValue(SM_EXPIRY_DATE, field(row, c.expiry));
                }
                if (expiry.isBefore(today)) {
                    expiredOptionSymbols.add(symbol);
                    return;
                }
                liveOptionSymbols.add(symbol);
                if (!isWanted) {
                    return;
                }
                ExchangeSegment segment = optionSegment(field(row, c.exchId));
                long securityId = id(SECURITY_ID, field(row, c.securityId));
                long underlyingId = id(UNDERLYING_SECURITY_ID, field(row, c.underlyingId));
                BigDecimal strike = strike(field(row, c.strike));
                int lotSize = lotSize(field(row, c.lotSize));
                options.computeIfAbsent(symbol, s -> new LinkedHashMap<>()).putIfAbsent(securityId,
                        new Instrument(securityId, segment, symbol, expiry, strike, type, lotSize));
                optionUnderlyingIds.computeIfAbsent(symbol, s -> new HashMap<>()).merge(underlyingId, 1, Integer::sum);
            } catch (BadValue e) {
                if (isWanted) {
                    skip(rowNumber, e.getMessage());
                }
            }
        }

        private void acceptIndex(Columns c, String[] row, long rowNumber) {
            if (!"I".equals(field(row, c.segment))) {
                return;
            }
            String exch = field(row, c.exchId);
            String symbol = upper(field(row, c.underlyingSymbol));
            if (!wanted.contains(symbol) && c.symbolName >= 0) {
                symbol = upper(field(row, c.symbolName));
            }
            if (!wanted.contains(symbol)) {
                return;
            }
            try {
                indexIds.putIfAbsent(symbol + "@" + exch, id(SECURITY_ID, field(row, c.securityId)));
            } catch (BadValue e) {
                skip(rowNumber, e.getMessage());
            }
        }

        private void skip(long rowNumber, String reason) {
            if (skipped++ == 0) {
                // Line 1 is the header; a quoted field spanning lines would shift this, which is rare enough.
                firstSkipReason = "line " + (rowNumber + 1) + ": " + reason;
            }
        }

        UniverseLoad result() {
            Map<String, UnderlyingUniverse> found = new LinkedHashMap<>();
            Map<String, String> missing = new LinkedHashMap<>();
            for (String symbol : wanted) {
                Map<Long, Instrument> kept = options.get(symbol);
                if (kept == null || kept.isEmpty()) {
                    missing.put(symbol, missingSentence(symbol));
                    continue;
                }
                List<Instrument> sorted = new ArrayList<>(kept.values());
                sorted.sort(Comparator.comparing(Instrument::expiry)
                        .thenComparing(Instrument::strike)
                        .thenComparing(Instrument::type)
                        .thenComparingLong(Instrument::securityId));
                String exch = sorted.get(0).segment() == ExchangeSegment.BSE_FNO ? "BSE" : "NSE";
                long underlyingId = underlyingId(symbol, exch);
                found.put(symbol, new UnderlyingUniverse(
                        new UnderlyingRef(symbol, underlyingId, ExchangeSegment.IDX_I), sorted));
            }
            return new UniverseLoad(found, missing);
        }

        private long underlyingId(String symbol, String exch) {
            Long fromIndexRow = indexIds.get(symbol + "@" + exch);
            long fromOptions = optionUnderlyingIds.get(symbol).entrySet().stream()
                    .max(Map.Entry.<Long, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey();
            if (fromIndexRow != null) {
                if (fromIndexRow != fromOptions) {
                    log.debug("{}: index row says IDX_I id {}, its options say UNDERLYING_SECURITY_ID {}; using {}",
                            symbol, fromIndexRow, fromOptions, fromIndexRow);
                }
                return fromIndexRow;
            }
            log.warn("{}: the scrip master has no {} INDEX row; using the UNDERLYING_SECURITY_ID {} of its options "
                    + "as its IDX_I id, which Dhan may not accept", symbol, exch, fromOptions);
            return fromOptions;
        }

        private String missingSentence(String symbol) {
            if (expiredOptionSymbols.contains(symbol) && !liveOptionSymbols.contains(symbol)) {
                return "the instrument list has index options with UNDERLYING_SYMBOL=" + symbol
                        + " but all of them expired before " + today;
            }
            if (liveOptionSymbols.isEmpty()) {
                return "the instrument list has no live index options with UNDERLYING_SYMBOL=" + symbol
                        + " (it lists no live index options at all)";
            }
            String listed = liveOptionSymbols.stream().limit(LISTED_SYMBOLS_CAP).collect(Collectors.joining(", "));
            if (liveOptionSymbols.size() > LISTED_SYMBOLS_CAP) {
                listed += ", ...";
            }
            return "the instrument list has no live index options with UNDERLYING_SYMBOL=" + symbol
                    + " (it lists: " + listed + ")";
        }
    }

    private static String field(String[] row, int index) {
        return index < row.length && row[index] != null ? row[index].trim() : "";
    }

    private static OptionType optionType(String value) {
        return switch (value) {
            case "CE" -> OptionType.CE;
            case "PE" -> OptionType.PE;
            default -> null;
        };
    }

    /**
     * The date part of {@code YYYY-MM-DD HH:MM:SS} or {@code YYYY-MM-DD}; {@code null} for "no expiry"
     * (empty, {@code NA}, or a placeholder such as {@code 0001-01-01}). Formats are third-party
     * observations, Dhan documents none (protocol §2.3).
     */
    static LocalDate expiry(String value) {
        int end = value.indexOf(' ');
        String date = end < 0 ? value : value.substring(0, end);
        if (date.length() != 10) {
            return null;
        }
        try {
            LocalDate parsed = LocalDate.parse(date);
            return parsed.getYear() < 1970 ? null : parsed;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ExchangeSegment optionSegment(String exchId) throws BadValue {
        return switch (exchId) {
            case "NSE" -> ExchangeSegment.NSE_FNO;
            case "BSE" -> ExchangeSegment.BSE_FNO;
            default -> throw new BadValue(EXCH_ID, exchId);
        };
    }

    private static long id(String column, String value) throws BadValue {
        try {
            long id = new BigDecimal(value).longValueExact();
            if (id > 0) {
                return id;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new BadValue(column, value);
    }

    private static BigDecimal strike(String value) throws BadValue {
        try {
            BigDecimal strike = StrikePrices.parse(value);
            if (strike.signum() > 0) {
                return strike;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadValue(STRIKE_PRICE, value);
    }

    private static int lotSize(String value) throws BadValue {
        try {
            int lot = new BigDecimal(value).intValueExact();
            if (lot > 0) {
                return lot;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new BadValue(LOT_SIZE, value);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
