package com.livechain.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** {@code livechain.cors.allowed-origins} as the contract writes it: comma-separated origins, none by default. */
class CorsPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(CorsProperties.class)
    static class CorsOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(CorsOnly.class);

    @Test
    void noOriginByDefault() {
        runner.run(context -> assertThat(context.getBean(CorsProperties.class).allowedOrigins()).isEmpty());
    }

    @Test
    void aCommaSeparatedListBindsEachOriginTrimmed() {
        // As LIVECHAIN_CORS_ALLOWED_ORIGINS would set it.
        runner.withPropertyValues("livechain.cors.allowed-origins=http://localhost:5173, https://desk.example.com:8443,"
                        + "http://[::1]:3000,http://127.0.0.1:8081/")
                .run(context -> assertThat(context.getBean(CorsProperties.class).allowedOrigins()).containsExactly(
                        "http://localhost:5173", "https://desk.example.com:8443", "http://[::1]:3000",
                        "http://127.0.0.1:8081/"));
    }

    @Test
    void anythingButAnOriginStopsStartUpNamingTheSettingAndWhatItTakes() {
        for (String bad : List.of("*", "http://localhost:5173/app", "localhost:5173", "ftp://example.com",
                "http://localhost:5173?x=1")) {
            runner.withPropertyValues("livechain.cors.allowed-origins=http://localhost:5173," + bad)
                    .run(context -> assertThat(context).as(bad).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("livechain.cors")
                            .hasMessageContaining("allowedOrigins[1]")
                            .hasMessageContaining("must be an origin such as http://localhost:5173"));
        }
    }
}
