package com.livechain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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

import com.livechain.credentials.CredentialsCommand;
import com.livechain.credentials.SqliteCredentialStore;
import com.livechain.credentials.TokenClaims;
import com.livechain.credentials.TotpSecrets;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.rest.DhanRestClient;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorAuth;

/**
 * The store holds the account's PIN and TOTP secret ({@code credentials set --totp}, the token left out) and no
 * token at all. In the
 * default mode ({@code auto}) the app must still start live: before the chain loads it generates a token through
 * the simulator's generateAccessToken (protocol §6.1), stores it, and REST and the feed run on it. The simulator
 * starts with a token of its own that the app never sees; generating revokes it, so from then on the generated token
 * is the only one the simulator accepts.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = {LivechainApplication.class, FirstTokenAtStartupEndToEndTest.Simulated.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "livechain.underlyings=NIFTY",
        "livechain.dhan.rest.option-chain-interval=50ms"})
class FirstTokenAtStartupEndToEndTest {

    static final Clock CLOCK = ChaosFixtures.marketHoursClock();
    static final Instant START = CLOCK.instant();
    /** The simulator's own token at the start: the app never has it. */
    static final String UNSEEN = SimulatorAuth.jwt(StartupTokens.CLIENT_ID, "APP", START.minus(Duration.ofHours(1)),
            START.plus(Duration.ofHours(23)));
    static final DhanSimulator dhan = StartupTokens.simulator(CLOCK, UNSEEN);
    static final SqliteCredentialStore store = StartupTokens.store("livechain-first-token-");

    static final boolean NO_TOKEN_AT_START;

    static {
        // As an operator does it: `credentials set --totp` with the PIN and the secret piped in, no token.
        int exit = CredentialsCommand.run(new String[] {"credentials", "set", "--client-id", StartupTokens.CLIENT_ID,
                        "--totp", "--db", store.db().toString()},
                new ByteArrayInputStream((StartupTokens.PIN + "\n" + StartupTokens.TOTP_SECRET + "\n").getBytes(UTF_8)),
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()), Map.of());
        NO_TOKEN_AT_START = exit == CredentialsCommand.OK && store.load().isEmpty()
                && store.loadTotp().map(TotpSecrets::clientId).filter(StartupTokens.CLIENT_ID::equals).isPresent();
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
        DhanSimulator firstTokenSimulator() {
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
    void withOnlyThePinAndTotpStoredTheAppGeneratesItsTokenAtStartUpAndRunsLiveOnIt(CapturedOutput output)
            throws Exception {
        assertThat(NO_TOKEN_AT_START).as("`credentials set --totp` stored the PIN and secret, no token").isTrue();

        String generated = StartupTokens.assertLiveOnTheGeneratedToken(dhan, store, UNSEEN, port, access, rest);

        assertThat(TokenClaims.parse(generated).orElseThrow().consumerType()).isEqualTo("APP");
        assertThat(output.getAll())
                .contains("Market mode: live Dhan (no access token stored")
                .contains("generated one through generateAccessToken")
                .doesNotContain("SIMULATED MARKET")
                .doesNotContain(generated).doesNotContain(StartupTokens.TOTP_SECRET).doesNotContain(UNSEEN);
    }
}
