package com.livechain.credentials;

/** Placeholder until the credentials branch lands. */
public record DhanCredentials(String clientId, String accessToken) {
    @Override
    public String toString() {
        return "DhanCredentials[clientId=****, accessToken=****]";
    }
}
