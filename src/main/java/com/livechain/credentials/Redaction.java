package com.livechain.credentials;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of every text the app shows: log lines, feed reasons, health details, error
 * answers. Dhan takes the token and client id in the feed's query string (protocol §3.1) and in the REST
 * headers {@code access-token} and {@code client-id}, and its answers may echo either as JSON, so any text
 * that might hold a URL, a request, headers or an answer (an exception message, a {@code toString()})
 * passes through here first.
 *
 * <p>Masked, each value replaced by {@code ****}: the given secrets wherever they occur; the values of
 * credential parameters ({@code token=}, {@code clientId=}, {@code access_token=}, {@code pin=} ...),
 * JSON fields ({@code "accessToken":"..."}, {@code "dhanClientId":123}) and headers ({@code access-token:},
 * {@code client-id:}, {@code Authorization:}); and anything shaped like a JWT, which Dhan's tokens are.
 */
public final class Redaction {

    static final String HIDDEN = "****";

    /** Names whose values are secret, in the spellings Dhan and the usual clients use. */
    private static final String NAMES = "(?:access[-_]?token|token|dhan[-_]?client[-_]?id|client[-_]?id"
            + "|pin|totp|password|secret)";
    /** Not part of a longer name: {@code spin=} is not {@code pin=}. */
    private static final String START = "(?<![A-Za-z0-9_-])";

    private static final Pattern PARAMETER = Pattern.compile("(?i)(" + START + NAMES + "=)[^&\\s'\"]*");
    private static final Pattern JSON_FIELD =
            Pattern.compile("(?i)(\"" + NAMES + "\"\\s*:\\s*)(?:\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)");
    private static final Pattern HEADER =
            Pattern.compile("(?i)(" + START + "(?:access-token|client-id|authorization)\\s*:\\s*)[^\\r\\n,;]+");
    /** Three base64url parts, the first an encoded {@code {"}. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    /**
     * {@code text} with the given secrets (token, client id: ignored when {@code null} or shorter than 4
     * characters, which would mask ordinary text), then every credential value and JWT, masked.
     */
    public static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            String value = secret == null ? "" : secret.strip();
            if (value.length() >= 4) {
                masked = masked.replace(value, HIDDEN);
            }
        }
        masked = PARAMETER.matcher(masked).replaceAll("$1" + HIDDEN);
        masked = JSON_FIELD.matcher(masked).replaceAll("$1\"" + HIDDEN + "\"");
        masked = HEADER.matcher(masked).replaceAll("$1" + HIDDEN);
        return JWT.matcher(masked).replaceAll(HIDDEN);
    }

    /** One line for a failure and its causes, redacted: {@code SocketTimeoutException: timeout <- ...}. */
    public static String describe(Throwable failure, String... secrets) {
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
