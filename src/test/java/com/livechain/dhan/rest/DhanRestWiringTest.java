package com.livechain.dhan.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.livechain.universe.MarketDataSource;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.DhanHttpConfiguration;

class DhanRestWiringTest {

    @Configuration
    @EnableConfigurationProperties(DhanRestProperties.class)
    @Import({DhanHttpConfiguration.class, DhanRestClient.class, ScripMasterParser.class, DhanMarketDataSource.class})
    static class RestOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(RestOnly.class)
            .withBean(DhanAccess.class, DhanRestClientTest.StubAccess::new);

    @Test
    void defaultsFollowDhansRateLimit() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MarketDataSource.class);
            assertThat(context.getBean(DhanRestProperties.class)).isEqualTo(DhanRestProperties.defaults());
        });
    }

    @Test
    void settingsBindFromRelaxedNames() {
        runner.withPropertyValues("livechain.dhan.rest.option-chain-interval=5ms", "livechain.dhan.rest.timeout=2s",
                        "livechain.dhan.rest.rate-limit-retries=1", "livechain.dhan.rest.rate-limit-backoff=10ms")
                .run(context -> {
                    DhanRestProperties properties = context.getBean(DhanRestProperties.class);
                    assertThat(properties.optionChainInterval()).isEqualTo(Duration.ofMillis(5));
                    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.rateLimitRetries()).isEqualTo(1);
                    assertThat(properties.rateLimitBackoff()).isEqualTo(Duration.ofMillis(10));
                });
    }

    @Test
    void aZeroTimeoutStopsStartUpNamingTheSetting() {
        runner.withPropertyValues("livechain.dhan.rest.timeout=0s")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("livechain.dhan.rest.timeout"));
    }
}
