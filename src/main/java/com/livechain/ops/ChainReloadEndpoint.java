package com.livechain.ops;

import java.util.Objects;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import com.livechain.universe.ReloadResult;
import com.livechain.universe.UniverseReloader;

/**
 * {@code POST /actuator/chainreload}: reads the instrument list now and answers what changed. Exposed only when
 * listed in {@code management.endpoints.web.exposure.include} (contract.md, Operations).
 */
@Endpoint(id = "chainreload")
public final class ChainReloadEndpoint {

    private final UniverseReloader reloader;

    public ChainReloadEndpoint(UniverseReloader reloader) {
        this.reloader = Objects.requireNonNull(reloader, "reloader");
    }

    @WriteOperation
    public ReloadResult reload() {
        return reloader.reload("manual");
    }
}
