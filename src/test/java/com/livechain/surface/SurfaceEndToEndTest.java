package com.livechain.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;

import org.apache.commons.numbers.gamma.Erfc;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.config.SimulatorHandle;
import com.livechain.simulator.market.SimulatedMarket;
import com.livechain.simulator.market.SimulatorSmile;

/**
 * The whole app against the embedded simulator, its market held still (stepped only by the test) so every leg is
 * quoted on the model's current smile: the surface read through HTTP must give back the simulator's own smile. For
 * each expiry the expected figures come from the simulator's model ({@code OptionModel.vol}, through
 * {@link SimulatorSmile}), not from the surface code: the ATM IV is the model's IV at its forward, the 25-delta IVs
 * the model's IVs at the strikes where {@code N(d1(K, sigma(K))) = 0.25} and {@code 0.75}, solved here by bisection.
 *
 * <p>Tolerance 0.05 IV points: a quote's mid sits within one 0.05 tick of the model price (about 0.005 IV points
 * at a weekly's 25-delta strike, 0.02 on an expiry day), and linear interpolation over one strike gap of this smile
 * is off by under 0.001 points.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.underlyings=NIFTY",
        "livechain.mode=simulated",
        "livechain.simulator.seed=16",
        "livechain.simulator.real-time=false",
        "livechain.feed.stall-after=10m",
        "livechain.credentials.db=target/surface-e2e/credentials.db"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SurfaceEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final double TOLERANCE = 0.05;

    @LocalServerPort
    int port;

    @Autowired
    SimulatorHandle simulator;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode surface() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/options/surface?underlying=NIFTY")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Every near expiry (the weeklies and monthlies, rank < 7) has its ATM IV and both 25-delta points. */
    private JsonNode filledSurface() {
        return await("every near expiry's legs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(this::surface, body -> {
                    JsonNode expiries = body.get("expiries");
                    for (int i = 0; i < Math.min(7, expiries.size()); i++) {
                        if (expiries.get(i).get("rr25").isNull() || expiries.get(i).get("atmIv").isNull()) {
                            return false;
                        }
                    }
                    return expiries.size() >= 7;
                });
    }

    @Test
    @Order(1)
    void theSurfaceIsTheSimulatorsOwnSmile() {
        SimulatedMarket market = simulator.simulator().market();
        JsonNode body = filledSurface();
        assertThat(body.get("source").asString()).isEqualTo("SIMULATED");
        JsonNode expiries = body.get("expiries");
        assertThat(expiries.valueStream().map(e -> e.get("expiry").asString()))
                .containsExactlyElementsOf(market.expiries("NIFTY").stream().map(LocalDate::toString).toList());
        int checked = 0;
        for (JsonNode row : expiries) {
            LocalDate expiry = LocalDate.parse(row.get("expiry").asString());
            SimulatorSmile smile = new SimulatorSmile(market, "NIFTY", expiry);
            double forward = smile.forward();
            assertThat(row.get("forward").asDouble()).as("%s forward", expiry).isCloseTo(forward, within(forward * 2e-4));
            assertThat(row.get("days").asDouble()).as("%s days", expiry).isCloseTo(smile.years() * 365, within(0.01));
            if (row.get("atmIv").isNull()) {
                continue;
            }
            double atm = smile.vol(forward) * 100;
            assertThat(row.get("atmIv").asDouble()).as("%s atmIv", expiry).isCloseTo(atm, within(TOLERANCE));
            assertThat(row.get("expectedMove").asDouble()).as("%s expectedMove", expiry)
                    .isCloseTo(forward * atm / 100 * Math.sqrt(smile.years()), within(forward * 1e-4));
            if (row.get("rr25").isNull()) {
                continue;
            }
            double call25 = smile.vol(strikeAtCallDelta(smile, 0.25)) * 100;
            double put25 = smile.vol(strikeAtCallDelta(smile, 0.75)) * 100;
            assertThat(row.get("rr25").asDouble()).as("%s rr25", expiry).isCloseTo(call25 - put25, within(TOLERANCE));
            assertThat(row.get("bf25").asDouble()).as("%s bf25", expiry)
                    .isCloseTo((call25 + put25) / 2 - atm, within(TOLERANCE));
            for (JsonNode point : row.get("smile")) {
                double strike = point.get("strike").asDouble();
                assertThat(point.get("delta").asDouble() < 0).as("%s %s: a put below the forward", expiry, strike)
                        .isEqualTo(strike < row.get("forward").asDouble());
            }
            checked++;
        }
        assertThat(checked).as("expiries with every figure").isGreaterThanOrEqualTo(7);
    }

    @Test
    @Order(2)
    void aTickOfTheMarketMovesTheSurface() throws Exception {
        JsonNode before = filledSurface().get("expiries").get(0);
        simulator.simulator().market().step(Duration.ofSeconds(5));
        await("the ticks to reach the surface").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(surface().get("expiries").get(0).get("forward"))
                        .isNotEqualTo(before.get("forward")));
    }

    @Test
    @Order(3)
    void theOpenApiDescriptionHasTheParameterTheProblemsAndAnExampleOfTheRealShape() throws Exception {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode get = JSON.readTree(docs.body()).path("paths").path("/options/surface").path("get");
        assertThat(get.path("parameters").valueStream().map(p -> p.path("name").asString())).containsExactly("underlying");
        assertThat(get.path("parameters").get(0).path("required").asBoolean()).isTrue();
        JsonNode responses = get.path("responses");
        assertThat(responses.propertyNames()).containsExactlyInAnyOrder("200", "400", "404", "503");
        assertThat(responses.path("503").path("headers").propertyNames()).containsExactly("Retry-After");
        JsonNode ok = responses.path("200").path("content").path("application/json");
        assertThat(ok.path("schema").path("$ref").asString()).endsWith("/SurfaceView");
        JsonNode example = ok.path("examples").path("example").path("value");
        assertThat(example.path("expiries").get(0).path("rr25").asDouble()).isEqualTo(-1.71);
        assertThat(fieldPaths(example, ""))
                .isEqualTo(fieldPaths(filledSurface(), ""));
    }

    /** Every field path of a JSON value, arrays read through their first element (as the ops test reads them). */
    static java.util.Set<String> fieldPaths(JsonNode node, String prefix) {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                paths.addAll(fieldPaths(node.path(name), path));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            paths.addAll(fieldPaths(node.get(0), prefix + "[]"));
        }
        return paths;
    }

    /** The strike whose call delta on the model's own IV there is {@code delta}, by bisection on the model. */
    static double strikeAtCallDelta(SimulatorSmile smile, double delta) {
        double forward = smile.forward();
        double years = smile.years();
        double lo = forward * 0.3;
        double hi = forward * 3;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            double s = smile.vol(mid) * Math.sqrt(years);
            double d1 = (Math.log(forward / mid) + s * s / 2) / s;
            if (Erfc.value(-d1 / Math.sqrt(2)) / 2 > delta) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
