package com.livechain.history;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.LivechainApplication;

/**
 * The whole application against its embedded simulator, started and stopped by the test (so a test can restart
 * it on the same database), with a short recording interval and a small universe for a busy 2-core machine.
 */
final class HistoryApp implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final JsonMapper JSON = JsonMapper.builder().build();

    final ConfigurableApplicationContext context;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HistoryApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static HistoryApp start(String historyUrl, Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--livechain.mode=simulated",
                "--livechain.underlyings=NIFTY,BANKNIFTY",
                "--livechain.simulator.seed=42",
                "--livechain.simulator.listing=near",
                "--livechain.simulator.ticks-per-second=10",
                "--livechain.dhan.rest.option-chain-interval=100ms",
                "--livechain.simulator.option-chain-interval=100ms",
                "--livechain.credentials.db=" + dir.resolve("credentials.db"),
                "--livechain.dhan.client-id=",
                "--livechain.dhan.access-token=",
                "--livechain.history.interval=" + INTERVAL.toSeconds() + "s",
                // The comparison test mutes the simulator's feed for 20 s; neither side may give up on it meanwhile.
                "--livechain.feed.ping-interval=60s",
                "--livechain.feed.stall-after=60s",
                "--livechain.simulator.ping-interval=60s",
                "--livechain.simulator.pong-timeout=120s",
                "--livechain.history.url=" + historyUrl));
        args.addAll(List.of(extra));
        // A later --key=value replaces an earlier one (Spring would join repeated arguments with a comma).
        java.util.Map<String, String> byKey = new java.util.LinkedHashMap<>();
        for (String arg : args) {
            byKey.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        return new HistoryApp(new SpringApplicationBuilder(LivechainApplication.class)
                .run(byKey.values().toArray(String[]::new)));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET that must answer 200: the body as JSON. */
    JsonNode json(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A counter's value from /actuator/prometheus, summed over its series whose labels contain {@code labels}. */
    double metric(String name, String labels) {
        double sum = 0;
        for (String line : get("/actuator/prometheus").body().split("\n")) {
            if (line.startsWith(name) && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Override
    public void close() {
        context.close();
    }
}
