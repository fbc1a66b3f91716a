package com.livechain.ops;

import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import com.livechain.universe.ReloadResult;
import com.livechain.universe.UniverseReloader;

/** {@code livechain_chain_reloads_total{outcome="applied|unchanged|failed"}} (contract.md, Operations). */
public final class ChainReloadMetrics implements MeterBinder {

    private final UniverseReloader reloader;

    public ChainReloadMetrics(UniverseReloader reloader) {
        this.reloader = Objects.requireNonNull(reloader, "reloader");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ReloadResult.Outcome outcome : ReloadResult.Outcome.values()) {
            FunctionCounter.builder("livechain.chain.reloads", reloader, r -> r.count(outcome))
                    .description("Reloads of the instrument list, by outcome (failed ones keep the current chains)")
                    .tag("outcome", outcome.tag())
                    .register(registry);
        }
    }
}
