package com.livechain.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Dhan simulator on its own, on a fixed port, for frontend developers and manual testing:
 * {@code java -cp ... com.livechain.simulator.SimulatorMain [--port=7700] [--seed=42] [--client-id=..]
 * [--access-token=..]}. Prints the settings to point livechain at it, and the fault paths.
 */
public final class SimulatorMain {

    static final int DEFAULT_PORT = 7700;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorProperties.Builder builder = SimulatorProperties.builder().port(DEFAULT_PORT);
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            String value = kv.length == 2 ? kv[1] : "";
            switch (kv[0]) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--seed" -> builder.seed(Long.parseLong(value));
                case "--host" -> builder.host(value);
                case "--client-id" -> builder.clientId(value);
                case "--access-token" -> builder.accessToken(value);
                case "--ticks-per-second" -> builder.ticksPerSecond(Integer.parseInt(value));
                default -> {
                    System.err.println("Unknown option " + arg + ". Options: --port=7700 --seed=42 --host=127.0.0.1 "
                            + "--client-id=... --access-token=... --ticks-per-second=4");
                    System.exit(2);
                }
            }
        }
        DhanSimulator simulator = DhanSimulator.start(builder.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "dhan-sim-shutdown"));
        System.out.println(banner(simulator));
        stopped.await();
    }

    static String banner(DhanSimulator simulator) {
        String admin = simulator.adminUrl().toString();
        List<String> lines = new ArrayList<>(List.of(
                "Dhan simulator running (seed " + simulator.seed() + ", " + simulator.market().optionCount()
                        + " option contracts). Point livechain at it with:",
                "  LIVECHAIN_DHAN_REST_URL=" + simulator.restUrl(),
                "  LIVECHAIN_DHAN_FEED_URL=" + simulator.feedUrl(),
                "  LIVECHAIN_DHAN_INSTRUMENTS_URL=" + simulator.instrumentsUrl(),
                "  DHAN_CLIENT_ID=" + simulator.credentials().clientId(),
                "  DHAN_ACCESS_TOKEN=" + simulator.credentials().accessToken(),
                "Faults and controls (curl -X POST <url>):"));
        for (String path : List.of("/faults/drop", "/faults/stall?seconds=30", "/faults/disconnect?code=807",
                "/faults/garbage", "/faults/reject-connections?seconds=30", "/faults/chain-failure?count=1",
                "/faults/rest-outage?seconds=30", "/faults/clear", "/token/rotate")) {
            lines.add("  " + admin + path);
        }
        lines.add("Read (GET): " + admin + "/counters  " + admin + "/credentials");
        lines.add("Ctrl-C stops it.");
        return String.join(System.lineSeparator(), lines);
    }
}
