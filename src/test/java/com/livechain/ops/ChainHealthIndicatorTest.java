package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import com.livechain.chain.ChainCache;
import com.livechain.MutableClock;

class ChainHealthIndicatorTest {

    final ChainCache cache = new ChainCache(new MutableClock(OpsFixtures.NOW));
    final ChainHealthIndicator indicator = new ChainHealthIndicator(cache);

    @Test
    void downUntilTheLoaderHasFilledTheCache() {
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "loading");
    }

    @Test
    void upOnceInstalledWithWhatIsHeld() {
        OpsFixtures.installNifty(cache);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("source", "SIMULATED")
                .containsEntry("underlyings", List.of("NIFTY"))
                .containsEntry("expiries", 2L)
                .containsEntry("legs", (long) OpsFixtures.LEGS);
    }
}
