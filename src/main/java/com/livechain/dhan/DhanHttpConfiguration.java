package com.livechain.dhan;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared Dhan HTTP client ({@link DhanHttp}), measured when the application has a meter registry. */
@Configuration(proxyBeanMethods = false)
public class DhanHttpConfiguration {

    @Bean
    public DhanHttp dhanHttp(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? DhanHttp.unmetered() : DhanHttp.metered(meters);
    }
}
