package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.Instrument;
import com.livechain.universe.MarketDataException;
import com.livechain.chain.OptionType;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UnderlyingUniverse;
import com.livechain.universe.UniverseLoad;

class ScripMasterParserTest {

    private static final String CALL = "GET https://images.dhan.co/api-data/api-scrip-master-detailed.csv";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final String HEADER = "EXCH_ID,SEGMENT,SECURITY_ID,ISIN,INSTRUMENT,UNDERLYING_SECURITY_ID,"
            + "UNDERLYING_SYMBOL,SYMBOL_NAME,DISPLAY_NAME,INSTRUMENT_TYPE,SERIES,LOT_SIZE,SM_EXPIRY_DATE,"
            + "STRIKE_PRICE,OPTION_TYPE,TICK_SIZE,EXPIRY_FLAG";

    private final ScripMasterParser parser = new ScripMasterParser();

    private UniverseLoad parseFixture(String name, Set<String> symbols) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dhan/" + name)) {
            assertThat(in).as(name).isNotNull();
            return parser.parse(in, CALL, symbols, TODAY);
        }
    }

    private UniverseLoad parseText(String csv, Set<String> symbols) {
        return parser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), CALL, symbols, TODAY);
    }

    private static Instrument option(long id, ExchangeSegment segment, String underlying, String expiry,
                                     String strike, OptionType type, int lot) {
        return new Instrument(id, segment, underlying, LocalDate.parse(expiry), new BigDecimal(strike), type, lot);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scrip-master-detailed.csv", "scrip-master-detailed-shuffled.csv"})
    void keepsOnlyLiveIndexOptionsOfTheRequestedUnderlyingsWhateverTheColumnOrder(String fixture) throws IOException {
        UniverseLoad load = parseFixture(fixture, Set.of("NIFTY", "banknifty", "SENSEX", "FOO", "MIDCPNIFTY"));

        assertThat(load.found()).containsOnlyKeys("NIFTY", "BANKNIFTY", "SENSEX");

        UnderlyingUniverse nifty = load.found().get("NIFTY");
        assertThat(nifty.underlying()).isEqualTo(new UnderlyingRef("NIFTY", 13, ExchangeSegment.IDX_I));
        // Expiring today is kept, expired yesterday is not; the future, the XX row, the unparseable
        // strike and the stock option named like the index never appear.
        assertThat(nifty.options()).containsExactly(
                option(35004, ExchangeSegment.NSE_FNO, "NIFTY", "2026-11-26", "24000", OptionType.CE, 65),
                option(35001, ExchangeSegment.NSE_FNO, "NIFTY", "2026-12-01", "24000", OptionType.CE, 65),
                option(35002, ExchangeSegment.NSE_FNO, "NIFTY", "2026-12-01", "24000", OptionType.PE, 65),
                option(35003, ExchangeSegment.NSE_FNO, "NIFTY", "2026-12-01", "24050", OptionType.CE, 65));

        UnderlyingUniverse bankNifty = load.found().get("BANKNIFTY");
        assertThat(bankNifty.underlying()).isEqualTo(new UnderlyingRef("BANKNIFTY", 25, ExchangeSegment.IDX_I));
        assertThat(bankNifty.options()).containsExactly(
                option(69787, ExchangeSegment.NSE_FNO, "BANKNIFTY", "2026-12-30", "55000", OptionType.CE, 30),
                option(69788, ExchangeSegment.NSE_FNO, "BANKNIFTY", "2026-12-30", "55100.5", OptionType.PE, 30));

        UnderlyingUniverse sensex = load.found().get("SENSEX");
        assertThat(sensex.underlying()).isEqualTo(new UnderlyingRef("SENSEX", 51, ExchangeSegment.IDX_I));
        assertThat(sensex.options()).containsExactly(
                option(85001, ExchangeSegment.BSE_FNO, "SENSEX", "2026-12-04", "80000", OptionType.CE, 20));

        assertThat(load.missing()).containsOnlyKeys("FOO", "MIDCPNIFTY");
        assertThat(load.missing().get("FOO")).isEqualTo(
                "the instrument list has no live index options with UNDERLYING_SYMBOL=FOO "
                        + "(it lists: BANKNIFTY, FINNIFTY, NIFTY, SENSEX)");
        assertThat(load.missing().get("MIDCPNIFTY")).isEqualTo(
                "the instrument list has index options with UNDERLYING_SYMBOL=MIDCPNIFTY "
                        + "but all of them expired before 2026-11-26");
    }

    @Test
    void strikesAreCanonicalSoTheyEqualOptionChainKeys() throws IOException {
        UniverseLoad load = parseFixture("scrip-master-detailed.csv", Set.of("NIFTY"));

        BigDecimal csvStrike = load.found().get("NIFTY").options().get(0).strike();

        assertThat(csvStrike).isEqualTo(StrikePrices.parse("24000.000000")).isEqualTo(new BigDecimal("24000"));
        assertThat(csvStrike.toPlainString()).isEqualTo("24000");
    }

    @Test
    void withoutAnIndexRowTheUnderlyingIdComesFromTheOptions() {
        String csv = HEADER + "\n"
                + "NSE,D,61001,NA,OPTIDX,26037,FINNIFTY,FINNIFTY-Dec2026-26000-CE,FINNIFTY 30 DEC 26000 CALL,OP,NA,"
                + "60.0,2026-12-30,26000.00000,CE,5.0000,M\n";

        UniverseLoad load = parseText(csv, Set.of("FINNIFTY"));

        assertThat(load.found().get("FINNIFTY").underlying())
                .isEqualTo(new UnderlyingRef("FINNIFTY", 26037, ExchangeSegment.IDX_I));
    }

    @Test
    void anIndexRowOfAnotherExchangeIsNotTakenForTheUnderlying() {
        String csv = HEADER + "\n"
                + "BSE,I,99,NA,INDEX,99,NIFTY,NIFTY,Some BSE index,INDEX,NA,1.0,0001-01-01,,XX,0.0500,N\n"
                + "NSE,E,13,INE000000000,EQUITY,,,NIFTY,Equity named like it,ES,EQ,1.0,0001-01-01,,XX,0.0500,N\n"
                + "NSE,D,35001,NA,OPTIDX,26000,NIFTY,NIFTY-Dec2026-24000-CE,NIFTY 01 DEC 24000 CALL,OP,NA,"
                + "65.0,2026-12-01,24000.00000,CE,5.0000,W\n";

        UniverseLoad load = parseText(csv, Set.of("NIFTY"));

        assertThat(load.found().get("NIFTY").underlying().securityId()).isEqualTo(26000);
    }

    @Test
    void expiryIsReadLenientlyAndSentinelsMeanNone() {
        assertThat(ScripMasterParser.expiry("2024-10-31 14:30:00")).isEqualTo(LocalDate.of(2024, 10, 31));
        assertThat(ScripMasterParser.expiry("2024-10-31")).isEqualTo(LocalDate.of(2024, 10, 31));
        assertThat(ScripMasterParser.expiry("0001-01-01")).isNull();
        assertThat(ScripMasterParser.expiry("NA")).isNull();
        assertThat(ScripMasterParser.expiry("")).isNull();
        assertThat(ScripMasterParser.expiry("31/10/2024")).isNull();
    }

    @Test
    void rowsThatDoNotParseAreSkippedAndTheRestKept() {
        String csv = HEADER + "\n"
                + "NSE,D,1,NA,OPTIDX,26000,NIFTY,x,x,OP,NA,65.0,2026-12-01,24000.00000,CE,5.0000,W\n"
                + "NSE,D,2,NA,OPTIDX,26000,NIFTY,x,x,OP,NA,sixty,2026-12-01,24050.00000,CE,5.0000,W\n"
                + "NSE,D,3,NA,OPTIDX,26000,NIFTY,x,x,OP,NA,65.0,NA,24100.00000,CE,5.0000,W\n"
                + "NSE,D,NaN,NA,OPTIDX,26000,NIFTY,x,x,OP,NA,65.0,2026-12-01,24150.00000,CE,5.0000,W\n"
                + "NSE,D,5,NA,OPTIDX,26000,NIFTY\n"
                + "NSE,D,6,NA,OPTIDX,26000,NIFTY,x,x,OP,NA,65.0,2026-12-01,24200.00000,PE,5.0000,W\n";

        UniverseLoad load = parseText(csv, Set.of("NIFTY"));

        assertThat(load.found().get("NIFTY").options()).extracting(Instrument::securityId).containsExactly(1L, 6L);
    }

    @Test
    void aHeaderWithoutTheNeededColumnsIsABadResponse() {
        String csv = "EXCH_ID,SEGMENT,SECURITY_ID,INSTRUMENT,UNDERLYING_SYMBOL,STRIKE_PRICE\n"
                + "NSE,D,1,OPTIDX,NIFTY,24000\n";

        assertThatThrownBy(() -> parseText(csv, Set.of("NIFTY")))
                .isInstanceOfSatisfying(MarketDataException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MarketDataException.Kind.BAD_RESPONSE);
                    assertThat(e.call()).isEqualTo(CALL);
                    assertThat(e.answer()).startsWith("a CSV without the columns UNDERLYING_SECURITY_ID, LOT_SIZE, "
                            + "SM_EXPIRY_DATE, OPTION_TYPE");
                });
    }

    @Test
    void aCsvThatDoesNotParseIsABadResponse() {
        String csv = HEADER + "\n"
                + "NSE,D,1,NA,OPTIDX,26000,NIFTY,x,\"NIFTY 01 DEC 24000 CALL,OP,NA,65.0,2026-12-01,24000.0,CE,5.0,W\n";

        assertThatThrownBy(() -> parseText(csv, Set.of("NIFTY")))
                .isInstanceOfSatisfying(MarketDataException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MarketDataException.Kind.BAD_RESPONSE);
                    assertThat(e.answer()).startsWith("a CSV that does not parse after ");
                });
    }

    @Test
    void anEmptyBodyIsABadResponse() {
        assertThatThrownBy(() -> parseText("", Set.of("NIFTY")))
                .isInstanceOfSatisfying(MarketDataException.class,
                        e -> assertThat(e.kind()).isEqualTo(MarketDataException.Kind.BAD_RESPONSE));
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() {
        String csv = "\uFEFF" + HEADER + "\n"
                + "NSE,D,1,NA,OPTIDX,26000,NIFTY,x,x,OP,NA,65.0,2026-12-01,24000.00000,CE,5.0000,W\n";

        assertThat(parseText(csv, Set.of("NIFTY")).found()).containsOnlyKeys("NIFTY");
    }

    @Test
    void theListOfOtherUnderlyingsIsCapped() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 20; i++) {
            csv.append("NSE,D,").append(100 + i).append(",NA,OPTIDX,1,IDX").append((char) ('A' + i))
                    .append(",x,x,OP,NA,25.0,2026-12-01,1000.0,CE,5.0,W\n");
        }

        String sentence = parseText(csv.toString(), Set.of("FOO")).missing().get("FOO");

        assertThat(sentence).startsWith("the instrument list has no live index options with UNDERLYING_SYMBOL=FOO "
                + "(it lists: IDXA, IDXB, ").endsWith(", IDXL, ...)");
    }

    @Test
    void aFullSizeFileIsStreamedNotLoaded() {
        int rows = 250_000;
        InputStream huge = new GeneratedCsv(HEADER, rows, i -> i % 1000 == 0
                ? "NSE,D," + (1_000_000 + i) + ",NA,OPTIDX,26000,NIFTY,x,\"NIFTY, CALL\",OP,NA,65.0,2026-12-01 14:30:00,"
                        + (20000 + i / 1000 * 50) + ".00000,CE,5.0000,W"
                : "NSE,E," + i + ",INE000000000,EQUITY,,,STOCK" + i + ",\"Stock, Ltd\",ES,EQ,1.0,NA,,XX,0.05,NA");

        UniverseLoad load = parser.parse(huge, CALL, Set.of("NIFTY"), TODAY);

        List<Instrument> options = load.found().get("NIFTY").options();
        assertThat(options).hasSize(rows / 1000);
        assertThat(com.livechain.universe.StrikeSteps.of(options.stream().map(Instrument::strike).toList()))
                .isEqualByComparingTo("50");
    }

    /** A CSV produced row by row as it is read, so the test never holds the whole file either. */
    private static final class GeneratedCsv extends InputStream {
        private final java.util.function.IntFunction<String> row;
        private final int rows;
        private int next = -1;
        private byte[] current;
        private int position;
        private final String header;

        GeneratedCsv(String header, int rows, java.util.function.IntFunction<String> row) {
            this.header = header;
            this.rows = rows;
            this.row = row;
            this.current = (header + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            while (position == current.length) {
                if (++next >= rows) {
                    return -1;
                }
                current = (row.apply(next) + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return current[position++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }
}
