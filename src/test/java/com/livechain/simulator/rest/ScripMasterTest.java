package com.livechain.simulator.rest;

import com.livechain.simulator.Csv;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.market.IndexSpec;
import com.livechain.simulator.market.SimulatedChain;
import com.livechain.simulator.market.SimulatedMarket;
import com.livechain.simulator.market.SimulatedMarketTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.livechain.market.MarketHours;

class ScripMasterTest {

    static final List<String> DOCUMENTED_COLUMNS = List.of("EXCH_ID", "SEGMENT", "SECURITY_ID", "ISIN", "INSTRUMENT",
            "UNDERLYING_SECURITY_ID", "UNDERLYING_SYMBOL", "SYMBOL_NAME", "DISPLAY_NAME", "INSTRUMENT_TYPE", "SERIES",
            "LOT_SIZE", "SM_EXPIRY_DATE", "STRIKE_PRICE", "OPTION_TYPE", "TICK_SIZE", "EXPIRY_FLAG");

    static DhanSimulator simulator;
    static Csv.Table table;

    @BeforeAll
    static void download() throws IOException {
        simulator = DhanSimulator.start(SimulatorProperties.builder().seed(42L).realTime(false).build(),
                Clock.fixed(SimulatedMarketTest.THURSDAY_MORNING, ZoneOffset.UTC));
        try (Response response = new OkHttpClient().newCall(
                new Request.Builder().url(simulator.instrumentsUrl().toString()).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/csv");
            table = Csv.parse(response.body().string());
        }
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static List<Map<String, String>> rows(String instrument) {
        return table.rows().stream().filter(r -> r.get("INSTRUMENT").equals(instrument)).toList();
    }

    @Test
    void headerHasTheDocumentedColumnsInTheLiveFilesOrderAndTrailingComma() {
        assertThat(table.header().subList(0, DOCUMENTED_COLUMNS.size())).containsExactlyElementsOf(DOCUMENTED_COLUMNS);
        assertThat(table.header()).contains("BRACKET_FLAG", "COVER_FLAG", "ASM_GSM_FLAG", "BUY_SELL_INDICATOR",
                "MTF_LEVERAGE", "SM_UPPER_LIMIT", "SM_LOWER_LIMIT", "SM_FREEZE_QTY");
        assertThat(table.header().get(table.header().size() - 1)).isEmpty();
    }

    @Test
    void indexRowsCarryTheIdxISecurityIds() {
        Map<String, String> ids = rows("INDEX").stream()
                .collect(Collectors.toMap(r -> r.get("UNDERLYING_SYMBOL"), r -> r.get("SECURITY_ID")));
        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.of("NIFTY", "13", "BANKNIFTY", "25", "FINNIFTY", "27",
                "MIDCPNIFTY", "442", "SENSEX", "51", "BANKEX", "69"));
        assertThat(rows("INDEX")).allMatch(r -> r.get("SEGMENT").equals("I"));
        assertThat(rows("INDEX")).filteredOn(r -> r.get("UNDERLYING_SYMBOL").equals("SENSEX"))
                .allMatch(r -> r.get("EXCH_ID").equals("BSE"));
    }

    @Test
    void everyListedOptionIsAnOptidxRowWithDhansFormats() {
        List<Map<String, String>> options = rows("OPTIDX");
        assertThat(options).hasSize(simulator.market().optionCount());
        for (Map<String, String> r : options) {
            assertThat(r.get("SEGMENT")).isEqualTo("D");
            assertThat(r.get("OPTION_TYPE")).isIn("CE", "PE");
            assertThat(r.get("SM_EXPIRY_DATE")).matches("\\d{4}-\\d{2}-\\d{2} 14:30:00");
            assertThat(r.get("STRIKE_PRICE")).matches("\\d+\\.00000");
            assertThat(r.get("LOT_SIZE")).matches("\\d+\\.0");
            assertThat(r.get("EXPIRY_FLAG")).isIn("W", "M");
            LocalDate expiry = LocalDate.parse(r.get("SM_EXPIRY_DATE").substring(0, 10));
            assertThat(MarketHours.expiryClose(expiry)).isAfter(SimulatedMarketTest.THURSDAY_MORNING);
        }
        Set<String> ids = options.stream().map(r -> r.get("SECURITY_ID")).collect(Collectors.toSet());
        assertThat(ids).hasSize(options.size());
        assertThat(options).filteredOn(r -> r.get("UNDERLYING_SYMBOL").equals("NIFTY"))
                .allMatch(r -> r.get("EXCH_ID").equals("NSE") && r.get("LOT_SIZE").equals("75.0")
                        && r.get("UNDERLYING_SECURITY_ID").equals("26000"));
        assertThat(options).filteredOn(r -> r.get("UNDERLYING_SYMBOL").equals("SENSEX"))
                .allMatch(r -> r.get("EXCH_ID").equals("BSE") && r.get("LOT_SIZE").equals("20.0")
                        && r.get("UNDERLYING_SECURITY_ID").equals("1"));
    }

    @Test
    void optionRowsMatchTheOptionChainsSecurityIds() {
        LocalDate expiry = simulator.market().expiries("NIFTY").get(0);
        SimulatedChain.Strike atm = SimulatedMarketTest.nearest(simulator.market().chain("NIFTY", expiry));
        Map<String, String> row = rows("OPTIDX").stream()
                .filter(r -> r.get("SECURITY_ID").equals(Long.toString(atm.ce().securityId()))).findFirst().orElseThrow();
        assertThat(row.get("UNDERLYING_SYMBOL")).isEqualTo("NIFTY");
        assertThat(row.get("STRIKE_PRICE")).isEqualTo(atm.strike() + ".00000");
        assertThat(row.get("OPTION_TYPE")).isEqualTo("CE");
        assertThat(row.get("SM_EXPIRY_DATE")).isEqualTo(expiry + " 14:30:00");
        assertThat(row.get("EXPIRY_FLAG")).isEqualTo("W");
    }

    @Test
    void futuresHaveTheNegativeStrikeAndXxOptionType() {
        List<Map<String, String>> futures = rows("FUTIDX");
        assertThat(futures).isNotEmpty();
        assertThat(futures).allMatch(r -> r.get("STRIKE_PRICE").equals("-0.01000") && r.get("OPTION_TYPE").equals("XX")
                && r.get("SEGMENT").equals("D"));
        assertThat(futures.stream().map(r -> r.get("UNDERLYING_SYMBOL")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "SENSEX", "BANKEX");
        Set<String> optionIds = rows("OPTIDX").stream().filter(r -> r.get("EXCH_ID").equals("NSE"))
                .map(r -> r.get("SECURITY_ID")).collect(Collectors.toSet());
        assertThat(futures).filteredOn(r -> r.get("EXCH_ID").equals("NSE"))
                .noneMatch(r -> optionIds.contains(r.get("SECURITY_ID")));
    }

    @Test
    void someEquitiesAreListedForParsersToSkip() {
        assertThat(rows("EQUITY")).extracting(r -> r.get("UNDERLYING_SYMBOL")).contains("RELIANCE", "HDFCBANK");
        assertThat(rows("EQUITY")).allMatch(r -> r.get("SEGMENT").equals("E") && r.get("SM_EXPIRY_DATE").isEmpty());
    }

    @Test
    void underlyingIdsCanFollowTheProtocolFilesDescriptionInstead() {
        SimulatorProperties properties = SimulatorProperties.builder().seed(42L).realTime(false)
                .scripMasterUnderlyingIds(SimulatorProperties.UnderlyingIdStyle.INDEX_SECURITY_ID).build();
        SimulatedMarket market = new SimulatedMarket(IndexSpec.DEFAULTS, 42, SimulatedMarketTest.THURSDAY_MORNING, properties);
        Csv.Table csv = Csv.parse(new String(ScripMaster.csv(market, properties.scripMasterUnderlyingIds())));
        assertThat(csv.rows()).filteredOn(r -> r.get("INSTRUMENT").equals("OPTIDX")
                        && r.get("UNDERLYING_SYMBOL").equals("NIFTY"))
                .isNotEmpty().allMatch(r -> r.get("UNDERLYING_SECURITY_ID").equals("13"));
    }
}
