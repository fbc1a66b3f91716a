package com.livechain.history.record;

import java.time.Instant;

/**
 * Whether the exchange session is open, for the recorder: live prices are recorded only then. A seam, so the
 * recorder follows the exchange calendar (holidays, special sessions) once it exists without knowing it.
 */
@FunctionalInterface
public interface TradingSession {

    boolean isOpen(Instant now);
}
