package com.livechain.credentials;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code java -jar livechain.jar credentials set|show|clear}: writes and inspects the credential store
 * without starting Spring, so it works while the app runs and needs no network.
 *
 * <p>The access token, and with {@code --totp} the PIN and TOTP secret, are read from stdin only (hidden when
 * typed at a terminal). A secret on the command line is kept in shell history and is readable by every local
 * user through {@code ps} or {@code /proc/<pid>/cmdline}, for as long as the process runs. The PIN and the TOTP
 * secret are never printed, not even masked.
 */
public final class CredentialsCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE_ERROR = 2;

    static final String DB_VARIABLE = "LIVECHAIN_CREDENTIALS_DB";

    static final String USAGE = """
            Usage:
              java -jar livechain.jar credentials set --client-id <id> [--db PATH] < token.txt
                  Stores the Dhan client id and the access token read from stdin (first non-empty line),
                  encrypted. Paste the token when prompted, or pipe it in; never pass it as an argument.
              java -jar livechain.jar credentials set --client-id <id> --totp [--db PATH]
                  As above, then reads two more lines: the account's PIN and its TOTP secret (the base32 key
                  shown when TOTP is enabled on Dhan), both encrypted. The app then generates a fresh token
                  itself (Dhan's generateAccessToken) before the one in use expires.
              java -jar livechain.jar credentials show [--db PATH]
                  Says which credentials the app would use, with the client id masked. Never prints the token.
              java -jar livechain.jar credentials clear [--db PATH]
                  Removes the stored credentials, PIN and TOTP secret included (the key file is kept).

            The store is --db, else $LIVECHAIN_CREDENTIALS_DB, else ~/.livechain/credentials.db.
            Its key is $LIVECHAIN_CREDENTIALS_KEY (base64 of 32 bytes), else credentials.key beside the store.
            DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN, when set, take precedence over the store.
            """;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    private CredentialsCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /**
     * Runs one command.
     *
     * @param args the program arguments, with or without the leading {@code credentials}
     * @param env  the process environment ({@code System.getenv()})
     * @return the exit code: {@link #OK}, {@link #FAILED}, or {@link #USAGE_ERROR}
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        return new CredentialsCommand(in, out, err, env).run(args);
    }

    private int run(String[] args) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (UsageException e) {
            err.println("credentials: " + e.getMessage());
            if (e.showUsage) {
                err.println();
                err.print(USAGE);
            }
            return USAGE_ERROR;
        }
        if (invocation.help()) {
            out.print(USAGE);
            return OK;
        }
        SqliteCredentialStore store = new SqliteCredentialStore(dbPath(invocation), env::get);
        try {
            return switch (invocation.action()) {
                case "set" -> set(store, invocation.clientId(), invocation.totp());
                case "show" -> show(store);
                case "clear" -> clear(store);
                default -> throw new IllegalStateException(invocation.action());
            };
        } catch (CredentialsException e) {
            err.println("credentials " + invocation.action() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private int set(SqliteCredentialStore store, String clientId, boolean withTotp) {
        SecretLines secrets = new SecretLines();
        Optional<String> token;
        Optional<String> pin = Optional.empty();
        Optional<String> totpSecret = Optional.empty();
        try {
            token = secrets.next("Dhan access token (input hidden): ");
            if (withTotp && token.isPresent()) {
                pin = secrets.next("Dhan PIN (input hidden): ");
                totpSecret = pin.isPresent() ? secrets.next("TOTP secret, base32 (input hidden): ") : Optional.empty();
            }
        } catch (IOException e) {
            err.println("credentials set: cannot read from stdin: " + e.getMessage());
            return FAILED;
        }
        if (token.isEmpty()) {
            err.println("credentials set: no access token on stdin. Paste it when prompted, or pipe it in:");
            err.println("  java -jar livechain.jar credentials set --client-id " + clientId
                    + (withTotp ? " --totp < token-pin-totp.txt   (three lines: token, PIN, TOTP secret)" : " < token.txt"));
            return USAGE_ERROR;
        }
        if (withTotp && (pin.isEmpty() || totpSecret.isEmpty())) {
            err.println("credentials set --totp: expected three lines on stdin (access token, PIN, TOTP secret) but got "
                    + (pin.isEmpty() ? "one" : "two") + ". Nothing was saved.");
            return USAGE_ERROR;
        }
        TotpSecrets totp = null;
        if (withTotp) {
            // Neither value is ever echoed, not even in part: a PIN is six digits.
            if (!pin.get().matches("[0-9]{6}")) {
                err.println("credentials set --totp: the PIN must be the 6 digits of your Dhan login PIN (what was"
                        + " given is not shown). Nothing was saved.");
                return USAGE_ERROR;
            }
            try {
                Totp.ofBase32(totpSecret.get());
            } catch (IllegalArgumentException e) {
                err.println("credentials set --totp: " + e.getMessage() + "; give the secret shown when TOTP was"
                        + " enabled on Dhan, not a 6-digit code (what was given is not shown). Nothing was saved.");
                return USAGE_ERROR;
            }
            totp = new TotpSecrets(clientId, pin.get(), Totp.normalize(totpSecret.get()));
        }
        boolean hadKeyFile = Files.exists(store.keyFile());
        DhanCredentials credentials = new DhanCredentials(clientId, token.get());
        store.save(credentials);
        if (totp != null) {
            store.saveTotp(totp);
        }
        out.println("Saved Dhan credentials for client " + credentials.maskedClientId() + " in " + store.db() + ".");
        out.println("The access token" + (totp != null ? ", the PIN and the TOTP secret are" : " is")
                + " encrypted with the key from " + store.keySource() + ".");
        if (totp != null) {
            out.println("The app generates a fresh token from them (Dhan's generateAccessToken) before the one in use"
                    + " expires.");
        } else {
            warnIfTotpForAnotherClient(store, clientId);
        }
        if (!hadKeyFile && Files.exists(store.keyFile()) && !store.keySource().equals(StoreKey.VARIABLE)) {
            out.println("Generated that key file just now: keep it with the store, without it the token cannot"
                    + " be decrypted.");
        }
        warnIfEnvironmentWins();
        return OK;
    }

    private void warnIfTotpForAnotherClient(SqliteCredentialStore store, String clientId) {
        try {
            store.loadTotp().filter(t -> !t.clientId().equals(clientId)).ifPresent(t -> err.println("Note: the PIN and"
                    + " TOTP secret in the store are for client " + DhanCredentials.mask(t.clientId()) + ", not this"
                    + " one, so no token is generated from them. Run `credentials set --client-id " + clientId
                    + " --totp` to store this client's."));
        } catch (CredentialsException unreadable) {
            err.println("Note: the PIN and TOTP secret in the store cannot be read: " + unreadable.getMessage());
        }
    }

    private int show(SqliteCredentialStore store) {
        Optional<DhanCredentials> fromEnvironment = environmentSource().load();
        Optional<DhanCredentials> fromStore = store.load();
        Optional<TotpSecrets> totp = store.loadTotp();
        out.println("Environment:      " + fromEnvironment
                .map(c -> "client " + c.maskedClientId() + " (DHAN_CLIENT_ID / DHAN_ACCESS_TOKEN)")
                .orElse("not set"));
        out.println("Credential store: " + store.db() + " - " + fromStore
                .map(c -> "client " + c.maskedClientId() + ", encrypted with the key from " + store.keySource())
                .orElse("no credentials"));
        String inUse = fromEnvironment.map(c -> "environment (client " + c.maskedClientId() + ")")
                .or(() -> fromStore.map(c -> "credential store (client " + c.maskedClientId() + ")"))
                .orElse("none; in auto mode the app runs against the simulator");
        out.println("In use:           " + inUse);
        fromEnvironment.or(() -> fromStore).ifPresent(c -> out.println("Token:            " + describeToken(c, totp)));
        out.println("PIN and TOTP:     " + totp.map(t -> "stored for client " + DhanCredentials.mask(t.clientId())
                + " (the app generates a fresh token before expiry)").orElse("not stored"));
        return OK;
    }

    private int clear(SqliteCredentialStore store) {
        if (store.clear()) {
            out.println("Removed the Dhan credentials from " + store.db() + ".");
        } else {
            out.println("No Dhan credentials stored in " + store.db() + "; nothing to remove.");
        }
        warnIfEnvironmentWins();
        return OK;
    }

    /** When the token expires and whether the app will replace it, from its claims; never the token. */
    private static String describeToken(DhanCredentials credentials, Optional<TotpSecrets> totp) {
        Optional<TokenClaims> claims = TokenClaims.parse(credentials.accessToken());
        String expiry = claims.map(TokenClaims::expiresAt)
                .map(at -> "expires " + at.atZone(java.time.ZoneId.of("Asia/Kolkata")).toLocalDateTime().withNano(0) + " IST")
                .orElse("expiry unknown (not a JWT)");
        boolean generates = totp.filter(t -> t.clientId().equals(credentials.clientId())).isPresent();
        String renewal = claims.map(TokenClaims::renewable).orElse(false) ? "a web token, renewed through RenewToken"
                : generates ? "replaced from the stored PIN and TOTP" : "not renewed automatically";
        return expiry + ", " + renewal;
    }

    /** Non-empty lines of stdin, trimmed, one per call; typed without echo when stdin is a terminal. */
    private final class SecretLines {

        private BufferedReader reader;

        Optional<String> next(String prompt) throws IOException {
            Console console = System.console();
            if (in == System.in && console != null) {
                char[] typed = console.readPassword(prompt);
                return typed == null ? Optional.empty() : nonBlank(new String(typed));
            }
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Optional<String> value = nonBlank(line);
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<String> nonBlank(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    private void warnIfEnvironmentWins() {
        Optional<DhanCredentials> fromEnvironment;
        try {
            fromEnvironment = environmentSource().load();
        } catch (CredentialsException incomplete) {
            err.println("Warning: " + incomplete.getMessage());
            return;
        }
        fromEnvironment.ifPresent(c -> err.println("Note: DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN are set in this"
                + " environment (client " + c.maskedClientId() + "); where they are set, they take precedence"
                + " over the store."));
    }

    /** Reads the process environment the way Spring's relaxed binding does for {@code livechain.dhan.*}. */
    private EnvironmentCredentialSource environmentSource() {
        Function<String, String> lookup = name -> env.containsKey(name) ? env.get(name)
                : env.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return new EnvironmentCredentialSource(lookup);
    }

    private Path dbPath(Invocation invocation) {
        if (invocation.db() != null) {
            return Path.of(invocation.db());
        }
        String fromEnvironment = env.get(DB_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.trim());
        }
        return CredentialsProperties.defaultDb();
    }

    /** What the arguments ask for; parsing never echoes a value that might be a token. */
    private record Invocation(String action, String clientId, String db, boolean help, boolean totp) {

        // Dhan access tokens are JWTs: three base64url parts, the first a JSON header and so "eyJ".
        private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

        static Invocation parse(String[] arguments) throws UsageException {
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
                        return new Invocation(action, null, null, true, false);
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
            return new Invocation(action, clientId == null ? null : clientId.trim(), db, false, totp);
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
    }

    private static final class UsageException extends Exception {

        private final boolean showUsage;

        UsageException(String message, boolean showUsage) {
            super(message);
            this.showUsage = showUsage;
        }
    }
}
