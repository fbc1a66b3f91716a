package com.livechain.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.livechain.credentials.CredentialProvider;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.DhanProperties;
import com.livechain.simulator.SimulatorProperties;

/** Chooses live Dhan or the embedded simulator (see {@link MarketMode}) and exposes the result. */
@Configuration(proxyBeanMethods = false)
class MarketModeConfiguration {

    @Bean(destroyMethod = "close")
    MarketMode marketMode(LivechainProperties properties, DhanProperties dhan, CredentialProvider credentials,
                          SimulatorProperties simulator, Clock clock) {
        return MarketMode.resolve(properties, dhan, credentials, simulator, clock);
    }

    @Bean
    DhanAccess dhanAccess(MarketMode mode) {
        return mode.access();
    }

    /** The running simulator in simulated mode, for tests and fault injection; absent otherwise. */
    @Bean
    SimulatorHandle simulatorHandle(MarketMode mode) {
        return new SimulatorHandle(mode.simulator().orElse(null));
    }
}
