package com.livechain.api;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.livechain.LivechainApplication;
import com.livechain.dhan.DhanAccess;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;

/**
 * The app on the embedded Dhan simulator, in a process of its own, for {@link PushLoad} to measure
 * (the clients' CPU must not count as the server's). Arguments are Spring arguments, e.g.
 * {@code --server.port=8080}; {@code -Dsim.ticks=20 -Dsim.legs=200} make the simulated market
 * busier than its defaults (4 ticks a second, 24 legs re-priced per tick per underlying). Until {@code livechain.mode=simulated} wires the simulator itself,
 * this does it by hand: a seeded simulator and its {@link DhanAccess} as a bean.
 */
public final class PushLoadServer {

    private PushLoadServer() {
    }

    public static void main(String[] args) {
        DhanSimulator simulator = DhanSimulator.start(SimulatorProperties.builder().seed(42L)
                .ticksPerSecond(Integer.getInteger("sim.ticks", SimulatorProperties.DEFAULT_TICKS_PER_SECOND))
                .legUpdatesPerTick(Integer.getInteger("sim.legs", SimulatorProperties.DEFAULT_LEG_UPDATES_PER_TICK))
                .build());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        new SpringApplicationBuilder(LivechainApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("simulatedAccess", simulator.access()))
                .run(args);
    }
}
