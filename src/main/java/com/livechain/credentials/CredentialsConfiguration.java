package com.livechain.credentials;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The two credential sources as beans. Both read through Spring's {@link Environment}, which holds the
 * process environment, so {@code DHAN_*} and {@code LIVECHAIN_CREDENTIALS_KEY} work as variables and
 * tests can supply them as properties.
 */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

    @Bean
    EnvironmentCredentialSource environmentCredentialSource(Environment environment) {
        return new EnvironmentCredentialSource(environment::getProperty);
    }

    @Bean
    SqliteCredentialStore sqliteCredentialStore(CredentialsProperties properties, Environment environment) {
        return new SqliteCredentialStore(properties.db(), environment::getProperty);
    }
}
