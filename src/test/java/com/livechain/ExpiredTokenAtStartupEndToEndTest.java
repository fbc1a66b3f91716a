package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.credentials.TokenClaims;
import com.livechain.credentials.TotpSecrets;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.rest.DhanRestClient;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;

/**
 * The app was down while its token expired: the store holds a web token (SELF) past its {@code exp}, which Dhan's
 * RenewToken refuses (protocol §6.3), and the account's PIN and TOTP secret. Start-up must generate a fresh token
 * through the simulator's generateAccessToken (§6.1) before the chain loads, store it in place of the dead one, and
 * run live on it: the simulator answers the expired token with 401 DH-901, so a start-up that sent it would stop.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = {LivechainApplication.class, ExpiredTokenAtStartupEndToEndTest.Simulated.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.underlyings=NIFTY",
        "livechain.dhan.rest.option-chain-interval=50ms"})
class ExpiredTokenAtStartupEndToEndTest {

    static final Clock CLOCK = ChaosFixtures.marketHoursClock();
    static final Instant START = CLOCK.instant();
    /** Issued a day and a half ago, expired twelve hours ago. */
    static final String EXPIRED = SimulatorAuth.jwt(StartupTokens.CLIENT_ID, "SELF", START.minus(Duration.ofHours(36)),
            START.minus(Duration.ofHours(12)));
    static final DhanSimulator dhan = StartupTokens.simulator(CLOCK, EXPIRED);
    static final SqliteCredentialStore store = StartupTokens.store("livechain-expired-token-");

    static {
        store.save(new DhanCredentials(StartupTokens.CLIENT_ID, EXPIRED));
        store.saveTotp(new TotpSecrets(StartupTokens.CLIENT_ID, StartupTokens.PIN, StartupTokens.TOTP_SECRET));
    }

    @DynamicPropertySource
    static void liveAgainstTheSimulator(DynamicPropertyRegistry registry) {
        StartupTokens.liveAgainst(registry, dhan, store);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Simulated {
        @Bean
        @Primary
        Clock simulatorClock() {
            return CLOCK;
        }

        @Bean(destroyMethod = "close")
        DhanSimulator expiredTokenSimulator() {
            return dhan;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DhanAccess access;

    @Autowired
    DhanRestClient rest;

    @Test
    void anExpiredTokenIsReplacedAtStartUpFromTheStoredPinAndTotpAndTheAppRunsLiveOnTheNewOne(CapturedOutput output)
            throws Exception {
        assertThat(dhan.auth().check(StartupTokens.CLIENT_ID, EXPIRED)).as("Dhan refuses the stored token")
                .isEqualTo(SimulatorAuth.Check.EXPIRED);

        String generated = StartupTokens.assertLiveOnTheGeneratedToken(dhan, store, EXPIRED, port, access, rest);

        assertThat(TokenClaims.parse(generated).orElseThrow().consumerType()).isEqualTo("APP");
        assertThat(output.getAll())
                .contains("Dhan access token replaced through generateAccessToken")
                .doesNotContain("SIMULATED MARKET")
                .doesNotContain(generated).doesNotContain(StartupTokens.TOTP_SECRET).doesNotContain(EXPIRED);
    }
}
