package com.livechain.credentials.renewal;

import java.util.Locale;

/** How one attempt to replace the token ended; the {@code outcome} tag of {@code livechain_credentials_renewals_total}. */
public enum RenewalOutcome {
    /** A new token was issued, verified with {@code /v2/profile}, and is in use. */
    SUCCESS,
    /** Dhan did not issue a token (refused, unreachable, or an answer without one); the old one stays in use. */
    FAILURE,
    /** A token was issued but {@code /v2/profile} did not accept it (or named another client); the old one stays. */
    UNVERIFIED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
