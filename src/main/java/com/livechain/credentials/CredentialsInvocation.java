package com.livechain.credentials;

import java.util.Locale;
import java.util.regex.Pattern;

/** What the arguments ask for; parsing never echoes a value that might be a token. */
record CredentialsInvocation(String action, String clientId, String db, boolean help, boolean totp) {

    // Dhan access tokens are JWTs: three base64url parts, the first a JSON header and so "eyJ".
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    static CredentialsInvocation parse(String[] arguments) throws UsageException {
        int start = arguments.length > 0 && arguments[0].equals("credentials") ? 1 : 0;
        // Refused before anything else, so no other error makes the user retype it with the token.
        for (int i = start; i < arguments.length; i++) {
            String argument = arguments[i];
            String lower = optionName(argument).toLowerCase(Locale.ROOT);
            boolean tokenOption = argument.startsWith("-") && lower.contains("token");
            boolean otherSecret = argument.startsWith("-") && (lower.contains("pin") || lower.contains("secret")
                    || lower.contains("password") || (lower.equals("--totp") && argument.contains("=")));
            if (otherSecret) {
                throw new UsageException("refusing " + optionName(argument) + ": a PIN or TOTP secret on the command"
                        + " line is saved in your shell history and visible to every user of this machine in `ps`."
                        + " Run `credentials set --client-id <id> --totp` and give the token, the PIN and the TOTP"
                        + " secret on stdin (typed when prompted, or three lines piped in). If you already typed"
                        + " one, remove it from your shell history.", false);
            }
            if (tokenOption || looksLikeToken(argument)) {
                String what = tokenOption ? "refusing " + optionName(argument) : "refusing argument " + (i + 1)
                        + ", which looks like an access token (not shown)";
                throw new UsageException(what + ": an access token on the command line is saved in your"
                        + " shell history and visible to every user of this machine in `ps`. Give it on"
                        + " stdin instead: run `credentials set --client-id <id>` and paste it when prompted,"
                        + " or pipe it in with `< token.txt`. If you already typed it, remove it from your"
                        + " shell history.", false);
            }
        }
        String action = null;
        String clientId = null;
        String db = null;
        boolean totp = false;
        for (int i = start; i < arguments.length; i++) {
            String argument = arguments[i];
            String name = optionName(argument);
            switch (name) {
                case "--help", "-h", "help" -> {
                    return new CredentialsInvocation(action, null, null, true, false);
                }
                case "--totp" -> totp = true;
                case "--client-id" -> {
                    clientId = optionValue(arguments, i, name);
                    i += argument.contains("=") ? 0 : 1;
                }
                case "--db" -> {
                    db = optionValue(arguments, i, name);
                    i += argument.contains("=") ? 0 : 1;
                }
                default -> {
                    if (argument.startsWith("-")) {
                        throw new UsageException("unknown option " + name, true);
                    }
                    if (action != null) {
                        // Not echoed: a stray positional argument is most often a pasted token.
                        throw new UsageException("unexpected extra argument after `" + action + "`"
                                + " (argument " + (i + 1) + "; not shown in case it is a secret)", true);
                    }
                    action = argument;
                }
            }
        }
        if (action == null) {
            throw new UsageException("missing command: set, show or clear", true);
        }
        if (!action.equals("set") && !action.equals("show") && !action.equals("clear")) {
            throw new UsageException("unknown command `" + action + "`; expected set, show or clear", true);
        }
        if (action.equals("set")) {
            if (clientId == null || clientId.isBlank()) {
                throw new UsageException("`credentials set` needs --client-id <id>, your Dhan client id", true);
            }
        } else if (clientId != null || totp) {
            throw new UsageException((totp ? "--totp" : "--client-id") + " only applies to `credentials set`", true);
        }
        return new CredentialsInvocation(action, clientId == null ? null : clientId.trim(), db, false, totp);
    }

    private static String optionName(String argument) {
        int equals = argument.indexOf('=');
        return argument.startsWith("-") && equals > 0 ? argument.substring(0, equals) : argument;
    }

    private static String optionValue(String[] arguments, int i, String name) throws UsageException {
        String argument = arguments[i];
        int equals = argument.indexOf('=');
        String value = equals > 0 ? argument.substring(equals + 1)
                : i + 1 < arguments.length ? arguments[i + 1] : null;
        if (value == null || value.isBlank() || (equals < 0 && value.startsWith("--"))) {
            throw new UsageException(name + " needs a value", true);
        }
        return value;
    }

    private static boolean looksLikeToken(String argument) {
        String value = argument.substring(argument.indexOf('=') + 1);
        return JWT.matcher(value).matches();
    }

    /** Arguments that cannot be run; the message never quotes a value that might be a secret. */
    static final class UsageException extends Exception {

        final boolean showUsage;

        UsageException(String message, boolean showUsage) {
            super(message);
            this.showUsage = showUsage;
        }
    }
}
