package com.livechain.credentials.renewal;

import java.time.Instant;

/**
 * What the renewer knows of the token in use, for health and metrics. Holds no secret.
 *
 * @param live      false when the app runs on the simulator, whose tokens the renewer leaves alone
 * @param hasToken  whether there are credentials at all
 * @param expiresAt the token's {@code exp}, null when unknown
 * @param method    how it will be replaced; {@link RenewalMethod#NONE} with the reason in {@code note}
 * @param note      why it will not be replaced, or why the credentials could not be read; null otherwise
 * @param nextAt    when the next attempt is due, null when none will be made
 * @param last      the last attempt, null before the first
 */
public record RenewalStatus(boolean live, boolean hasToken, Instant expiresAt, RenewalMethod method, String note,
                            Instant nextAt, Attempt last) {

    /** One attempt: how it ended, by which method, when, and what was said (masked, no secret). */
    public record Attempt(RenewalOutcome outcome, RenewalMethod method, Instant at, String message) {
    }

    static RenewalStatus simulated() {
        return new RenewalStatus(false, false, null, RenewalMethod.NONE, "the simulator's token needs no renewal",
                null, null);
    }

    /** Whether the app will replace the token itself before it expires. */
    public boolean automatic() {
        return method != RenewalMethod.NONE;
    }
}
