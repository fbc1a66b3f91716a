package com.livechain.credentials;

/**
 * The two values Dhan needs on every REST call and feed connection.
 *
 * <p>{@link #toString()} masks both: records print their components by default, and a record ends up
 * in log lines, exception messages and debugger views without anyone deciding to print it.
 */
public record DhanCredentials(String clientId, String accessToken) {

    private static final String HIDDEN = "****";

    public DhanCredentials {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("Dhan client id is blank");
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("Dhan access token is blank");
        }
    }

    /** The client id with its middle hidden, e.g. {@code 1100****56}: enough to tell accounts apart in a log. */
    public String maskedClientId() {
        return mask(clientId);
    }

    static String mask(String clientId) {
        int length = clientId.length();
        if (length >= 8) {
            return clientId.substring(0, 4) + HIDDEN + clientId.substring(length - 2);
        }
        if (length >= 4) {
            return clientId.charAt(0) + HIDDEN + clientId.charAt(length - 1);
        }
        return HIDDEN;
    }

    @Override
    public String toString() {
        return "DhanCredentials[clientId=" + maskedClientId() + ", accessToken=" + HIDDEN + "]";
    }
}
