package com.livechain.credentials.renewal;

/** How the token in use will be replaced before it expires. */
public enum RenewalMethod {
    /** {@code GET /v2/RenewToken}: a web-generated token ({@code tokenConsumerType} SELF) that is still valid. */
    RENEW_TOKEN("RenewToken"),
    /** {@code POST /app/generateAccessToken} with the stored PIN and a TOTP code. */
    GENERATE("generateAccessToken with the stored PIN and TOTP"),
    /** Not at all: a person must renew it (the reason is in {@link RenewalStatus#note()}). */
    NONE("none");

    private final String description;

    RenewalMethod(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
