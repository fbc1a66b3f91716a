package com.livechain.dhan.feed;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of log lines and reasons. Dhan's feed takes the token and client id in the
 * query string (protocol §3.1), so any text that might hold the URL (an exception message, a
 * request's {@code toString()}) passes through here first.
 */
final class Redaction {

    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)((?:token|clientId|access-token|accessToken)=)[^&\\s'\"]*");

    private Redaction() {
    }

    /** {@code text} with the values of credential query parameters, and the given secrets wherever they occur, masked. */
    static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1****");
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, "****");
            }
        }
        return masked;
    }

    /** One line for a failure and its causes, redacted: {@code SocketTimeoutException: timeout <- ...}. */
    static String describe(Throwable failure, String... secrets) {
        StringBuilder line = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                line.append(" <- ");
            }
            line.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                line.append(": ").append(t.getMessage());
            }
        }
        return redact(line.toString(), secrets);
    }
}
