package com.livechain.credentials.renewal;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.livechain.chain.MarketSource;
import com.livechain.credentials.CredentialProvider;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.rest.DhanAuthClient;
import com.livechain.dhan.rest.DhanRestProperties;

/** The renewer and its schedule; on the simulator both exist but nothing is scheduled. */
@Configuration(proxyBeanMethods = false)
class TokenRenewalConfiguration {

    @Bean
    TokenRenewer tokenRenewer(CredentialProvider credentials, DhanAccess access, TokenRenewalProperties properties,
                              DhanRestProperties rest, Clock clock, MeterRegistry registry) {
        DhanAuthClient dhan = new DhanAuthClient(access.restUrl(), properties.authUrl(), rest.timeout());
        return new TokenRenewer(credentials, dhan, clock, properties.renewBefore(), registry);
    }

    @Bean
    TokenRenewalScheduler tokenRenewalScheduler(TokenRenewer renewer, DhanAccess access) {
        return new TokenRenewalScheduler(renewer, access.source() == MarketSource.DHAN);
    }
}
