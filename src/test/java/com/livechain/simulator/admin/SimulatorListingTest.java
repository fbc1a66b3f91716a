package com.livechain.simulator.admin;

import com.livechain.simulator.Csv;
import com.livechain.simulator.DhanPackets;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;
import com.livechain.simulator.feed.FeedTestClient;
import com.livechain.simulator.market.SimulatedMarketTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin paths that list and delist contracts now and spoil the scrip master, over real HTTP and a real feed
 * connection: what is listed after start is in the CSV and streams on a connection opened before it.
 */
class SimulatorListingTest {

    static final OkHttpClient HTTP = new OkHttpClient();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(30);

    private DhanSimulator simulator;
    private final List<FeedTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        simulator = DhanSimulator.start(SimulatorProperties.builder().seed(42L).realTime(false)
                        .listing(SimulatorProperties.Listing.NEAR).build(),
                Clock.fixed(SimulatedMarketTest.THURSDAY_MORNING, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        clients.forEach(FeedTestClient::close);
        simulator.close();
    }

    private JsonNode post(String path) throws IOException {
        return call(new Request.Builder().url(simulator.adminUrl() + path).post(RequestBody.create(new byte[0])), 200);
    }

    private JsonNode get(String path) throws IOException {
        return call(new Request.Builder().url(simulator.adminUrl() + path), 200);
    }

    private JsonNode call(Request.Builder request, int status) throws IOException {
        try (Response response = HTTP.newCall(request.build()).execute()) {
            String body = response.body().string();
            assertThat(response.code()).as(body).isEqualTo(status);
            return status == 200 ? MAPPER.readTree(body) : MAPPER.createObjectNode().put("body", body);
        }
    }

    private String postError(String path) throws IOException {
        return call(new Request.Builder().url(simulator.adminUrl() + path).post(RequestBody.create(new byte[0])), 400)
                .get("body").asString();
    }

    private byte[] scripMaster() throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(simulator.instrumentsUrl().toString()).build())
                .execute()) {
            assertThat(response.code()).isEqualTo(200);
            return response.body().bytes();
        }
    }

    private List<Map<String, String>> options(String expiry) throws IOException {
        return Csv.parse(new String(scripMaster())).rows().stream()
                .filter(r -> r.get("INSTRUMENT").equals("OPTIDX") && r.get("UNDERLYING_SYMBOL").equals("NIFTY")
                        && r.get("SM_EXPIRY_DATE").startsWith(expiry))
                .toList();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Test
    void aContractListedAfterStartIsInTheScripMasterAndStreamsOnAConnectionOpenedBeforeIt() throws Exception {
        FeedTestClient client = FeedTestClient.open(HTTP, simulator.feedUrl(), simulator.credentials());
        clients.add(client);
        client.subscribe(15, "IDX_I", List.of(13L));
        client.packetsUntil(p -> p.stream().anyMatch(x -> x.code() == 2), WAIT);
        assertThat(options("2027-01-05")).isEmpty();

        JsonNode listed = post("/listing/expiry?underlying=NIFTY");
        assertThat(listed.get("expiry").asString()).isEqualTo("2027-01-05");
        assertThat(listed.get("flag").asString()).isEqualTo("W");
        List<Long> ids = longs(listed.get("securityIds"));
        assertThat(ids).hasSize(listed.get("legs").asInt());
        List<Map<String, String>> rows = options("2027-01-05");
        assertThat(rows.stream().map(r -> Long.parseLong(r.get("SECURITY_ID"))).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rows).allMatch(r -> r.get("EXPIRY_FLAG").equals("W"));
        assertThat(get("/listing?underlying=NIFTY").get("NIFTY").findValuesAsString("expiry")).contains("2027-01-05");

        List<Long> some = ids.subList(0, 60);
        client.subscribe(21, "NSE_FNO", some);
        List<DhanPackets.Packet> packets = client.packetsUntil(
                p -> p.stream().filter(x -> x.code() == 8).count() >= some.size(), WAIT);
        assertThat(packets.stream().filter(x -> x.code() == 8).map(DhanPackets.Packet::securityId).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(some);
        String idList = some.stream().map(String::valueOf).collect(Collectors.joining(","));
        JsonNode subscriptions = get("/feed/subscriptions?segment=NSE_FNO&ids=" + idList);
        assertThat(subscriptions.get("connections")).hasSize(1);
        assertThat(subscriptions.get("connections").get(0).get("subscribed").asInt()).isEqualTo(61);
        assertThat(subscriptions.get("ofAsked").asInt()).isEqualTo(60);
        assertThat(get("/feed/subscriptions?underlying=NIFTY&expiry=2027-01-05").get("ofAsked").asInt())
                .isEqualTo(60);
    }

    @Test
    void aDelistedExpiryLeavesTheScripMasterAndItsSubscriptionsCanStillBeEnded() throws Exception {
        FeedTestClient client = FeedTestClient.open(HTTP, simulator.feedUrl(), simulator.credentials());
        clients.add(client);
        List<Long> ids = options("2026-12-08").stream().map(r -> Long.parseLong(r.get("SECURITY_ID"))).toList();
        assertThat(ids).isNotEmpty();
        List<Long> some = ids.subList(0, 50);
        client.subscribe(21, "NSE_FNO", some);
        client.packetsUntil(p -> p.stream().filter(x -> x.code() == 8).count() >= some.size(), WAIT);

        JsonNode delisted = post("/listing/delist?underlying=NIFTY&expiry=2026-12-08");
        assertThat(delisted.get("legs").asInt()).isEqualTo(ids.size());
        assertThat(options("2026-12-08")).isEmpty();
        String idList = some.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(get("/feed/subscriptions?segment=NSE_FNO&ids=" + idList).get("ofAsked").asInt()).isEqualTo(50);

        long unknownBefore = simulator.counters().unknownInstruments();
        client.subscribe(22, "NSE_FNO", some);
        // A marker subscription after it: its answer arriving means the unsubscribe was handled.
        client.subscribe(15, "IDX_I", List.of(25L));
        client.packetsUntil(p -> p.stream().anyMatch(x -> x.code() == 6 && x.securityId() == 25), WAIT);
        JsonNode after = get("/feed/subscriptions?segment=NSE_FNO&ids=" + idList);
        assertThat(after.get("ofAsked").asInt()).isZero();
        assertThat(after.get("subscribed").asInt()).isEqualTo(1);
        assertThat(simulator.counters().unknownInstruments()).isEqualTo(unknownBefore);

        // Subscribing to a delisted contract gets nothing: it is unknown now.
        client.subscribe(21, "NSE_FNO", some.subList(0, 1));
        client.subscribe(15, "IDX_I", List.of(27L));
        client.packetsUntil(p -> p.stream().anyMatch(x -> x.code() == 6 && x.securityId() == 27), WAIT);
        assertThat(simulator.counters().unknownInstruments()).isEqualTo(unknownBefore + 1);
        assertThat(get("/feed/subscriptions").get("subscribed").asInt()).isEqualTo(2);
    }

    @Test
    void strikesAreListedOnAskingAndWhenTheIndexMovesFar() throws Exception {
        int before = options("2026-12-15").size();
        assertThat(post("/listing/strikes?underlying=NIFTY&expiry=2026-12-15&count=2").get("legs").asInt())
                .isEqualTo(8);
        assertThat(options("2026-12-15")).hasSize(before + 8);

        double ltp = post("/market/move?underlying=NIFTY&percent=9").get("ltp").asDouble();
        post("/market/step?millis=250");
        List<Integer> strikes = options("2026-12-08").stream()
                .map(r -> (int) Double.parseDouble(r.get("STRIKE_PRICE"))).sorted().toList();
        assertThat(strikes.get(strikes.size() - 1)).isGreaterThanOrEqualTo((int) (ltp * 1.15) - 50);
    }

    @Test
    void theScripMasterCanBeServedTruncatedEmptyOrHeaderOnlyUntilCleared() throws Exception {
        byte[] whole = scripMaster();
        int rows = Csv.parse(new String(whole)).rows().size();

        assertThat(post("/faults/scrip-master?mode=truncated").get("mode").asString()).isEqualTo("truncated");
        byte[] truncated = scripMaster();
        assertThat(truncated.length).isLessThan(whole.length / 2);
        assertThat(truncated[truncated.length - 1]).as("cut at a row's end").isEqualTo((byte) '\n');
        assertThat(Csv.parse(new String(truncated)).rows().size()).isBetween(1, rows / 2);
        assertThat(scripMaster()).as("until cleared").hasSize(truncated.length);

        post("/faults/scrip-master?mode=truncated&keepPercent=10");
        byte[] tenth = scripMaster();
        assertThat(tenth.length).isBetween(whole.length / 10 - 400, whole.length / 10);
        assertThat(tenth[tenth.length - 1]).isEqualTo((byte) '\n');

        post("/faults/scrip-master?mode=empty&count=1");
        assertThat(scripMaster()).isEmpty();
        assertThat(scripMaster()).as("count=1: the next download is whole").hasSize(whole.length);

        post("/faults/scrip-master?mode=header-only");
        assertThat(Csv.parse(new String(scripMaster())).rows()).isEmpty();
        post("/faults/clear");
        assertThat(scripMaster()).isEqualTo(whole);

        post("/faults/scrip-master?mode=cut-mid-row");
        byte[] cut = scripMaster();
        assertThat(cut[cut.length - 1]).isNotEqualTo((byte) '\n');
        post("/faults/scrip-master?mode=none");
        assertThat(scripMaster()).isEqualTo(whole);
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        assertThat(postError("/listing/expiry?underlying=NOPE")).contains("unknown index NOPE");
        assertThat(postError("/listing/expiry?underlying=NIFTY&expiry=2026-12-08")).contains("already lists 2026-12-08");
        assertThat(postError("/listing/delist?underlying=NIFTY&expiry=2026-13-01")).contains("must be a date");
        assertThat(postError("/listing/delist?underlying=NIFTY")).contains("expiry is required");
        assertThat(postError("/faults/scrip-master?mode=sideways")).contains("truncated, empty");
        assertThat(postError("/market/move?underlying=NIFTY&percent=lots")).contains("percent must be a number");
    }
}
