package com.livechain.config;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.livechain.credentials.CredentialProvider;
import com.livechain.credentials.CredentialsException;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.TotpSecrets;
import com.livechain.dhan.DhanAccess;
import com.livechain.dhan.DhanProperties;
import com.livechain.dhan.LiveDhanAccess;
import com.livechain.simulator.DhanSimulator;
import com.livechain.simulator.SimulatorProperties;

/**
 * Decides, once at start-up, whether the app talks to Dhan or to the embedded simulator, and owns
 * the simulator's lifetime when it is the latter. Either way the same clients, decoder and cache run.
 *
 * <p>Live when there are credentials, or when the store holds no token but the account's PIN and TOTP secret
 * ({@code credentials set --totp}): the token is then generated before the chain loads.
 */
final class MarketMode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MarketMode.class);

    private final DhanAccess access;
    private final DhanSimulator simulator;

    private MarketMode(DhanAccess access, DhanSimulator simulator) {
        this.access = access;
        this.simulator = simulator;
    }

    static MarketMode resolve(LivechainProperties properties, DhanProperties dhan, CredentialProvider credentials,
                              SimulatorProperties simulatorProperties, Clock clock) {
        LivechainProperties.Mode mode = properties.mode();
        if (mode == LivechainProperties.Mode.SIMULATED) {
            return simulated(simulatorProperties, clock, "livechain.mode=simulated");
        }
        Optional<DhanCredentials> found;
        Optional<TotpSecrets> totp;
        try {
            found = credentials.current();
            totp = found.isPresent() ? Optional.empty() : credentials.storedTotp();
        } catch (CredentialsException e) {
            // A store that exists but cannot be decrypted must not silently turn into the simulator.
            throw new StartupException(e.getMessage(),
                    "Fix the credentials as described above, or set livechain.mode=simulated to run without them.");
        }
        if (found.isPresent()) {
            log.info("Market mode: live Dhan ({}), REST {}, feed {}", credentials.describeOrigin(), dhan.restUrl(),
                    dhan.feedUrl());
            return new MarketMode(new LiveDhanAccess(dhan, credentials), null);
        }
        if (totp.isPresent()) {
            // The renewer's first check, before the chain loads, generates the token (TokenRenewalScheduler.start).
            log.info("Market mode: live Dhan (no access token stored; one is generated at start-up from the PIN and"
                    + " TOTP secret in the credential store), REST {}, feed {}", dhan.restUrl(), dhan.feedUrl());
            return new MarketMode(new LiveDhanAccess(dhan, credentials), null);
        }
        if (mode == LivechainProperties.Mode.LIVE) {
            throw new StartupException("livechain.mode is live, but no Dhan credentials were found: "
                    + credentials.describeOrigin() + ".",
                    "Set DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN, or store them with "
                            + "`java -jar livechain.jar credentials set --client-id <id>` (the token is read from stdin), "
                            + "or set livechain.mode=auto to fall back to the simulator.");
        }
        return simulated(simulatorProperties, clock, "livechain.mode=auto and no Dhan credentials");
    }

    private static MarketMode simulated(SimulatorProperties simulatorProperties, Clock clock, String why) {
        DhanSimulator simulator = DhanSimulator.start(simulatorProperties, clock);
        String rule = "*".repeat(96);
        log.warn("\n{}\n  SIMULATED MARKET: every price comes from livechain's embedded Dhan simulator, NOT the exchange.\n"
                        + "  Why: {}. Every API response says \"source\": \"SIMULATED\".\n"
                        + "  Simulator: REST {}, feed {}, seed {}\n{}",
                rule, why, simulator.restUrl(), simulator.feedUrl(), simulator.seed(), rule);
        return new MarketMode(simulator.access(), simulator);
    }

    DhanAccess access() {
        return access;
    }

    /** The running simulator, when the mode is simulated. */
    Optional<DhanSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
