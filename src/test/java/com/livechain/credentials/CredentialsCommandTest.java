package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsCommandTest {

    private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIn0.c2VjcmV0LXNpZ25hdHVyZQ";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return CredentialsCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path db() {
        return dir.resolve("credentials.db");
    }

    private SqliteCredentialStore store() {
        return new SqliteCredentialStore(db(), env::get);
    }

    @Test
    void setStoresTheTokenFromTheFirstNonEmptyLineOfStdin() {
        int exit = run("\n   \n  " + TOKEN + "  \nignored\n",
                "credentials", "set", "--client-id", "1100123456", "--db", db().toString());

        assertThat(exit).isZero();
        assertThat(store().load()).contains(new DhanCredentials("1100123456", TOKEN));
        assertThat(out()).contains("Saved Dhan credentials for client 1100****56 in " + db())
                .contains("credentials.key").doesNotContain(TOKEN);
    }

    @Test
    void setAcceptsEqualsFormsAndArgumentsWithoutTheLeadingWord() {
        assertThat(run(TOKEN, "set", "--client-id=1100123456", "--db=" + db())).isZero();

        assertThat(store().load()).contains(new DhanCredentials("1100123456", TOKEN));
    }

    @Test
    void theDbDefaultsToTheVariable() {
        env.put("LIVECHAIN_CREDENTIALS_DB", db().toString());

        assertThat(run(TOKEN, "credentials", "set", "--client-id", "1100123456")).isZero();

        assertThat(store().load()).isPresent();
    }

    @Test
    void showNamesTheOriginAndMasksTheClientIdButNeverPrintsTheToken() {
        run(TOKEN, "credentials", "set", "--client-id", "1100123456", "--db", db().toString());

        int exit = run("", "credentials", "show", "--db", db().toString());

        assertThat(exit).isZero();
        assertThat(out()).contains("Environment:      not set")
                .contains("Credential store: " + db() + " - client 1100****56")
                .contains("In use:           credential store (client 1100****56)")
                .doesNotContain(TOKEN).doesNotContain("1100123456");
        assertThat(err()).doesNotContain(TOKEN);
    }

    @Test
    void showSaysTheEnvironmentWinsWhenItIsSet() {
        run(TOKEN, "credentials", "set", "--client-id", "1100123456", "--db", db().toString());
        env.put("DHAN_CLIENT_ID", "2200654321");
        env.put("DHAN_ACCESS_TOKEN", "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJlbnYifQ.ZW52LXNpZ25hdHVyZQ");

        run("", "credentials", "show", "--db", db().toString());

        assertThat(out()).contains("In use:           environment (client 2200****21)").doesNotContain("ZW52");
    }

    @Test
    void aTokenOptionOnTheCommandLineIsRefusedWithTheReason() {
        for (String option : new String[] {"--access-token", "--token", "--access-token=" + TOKEN}) {
            int exit = run("", "credentials", "set", "--client-id", "1100123456", option, TOKEN, "--db", db().toString());

            assertThat(exit).as(option).isEqualTo(2);
            assertThat(err()).contains("shell history").contains("`ps`").contains("stdin").doesNotContain(TOKEN);
        }
        assertThat(db()).doesNotExist();
    }

    @Test
    void aBareTokenArgumentIsRefusedWithoutBeingEchoed() {
        int exit = run("", "credentials", "set", "--client-id", "1100123456", TOKEN);

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("looks like an access token").doesNotContain(TOKEN);
    }

    @Test
    void setWithoutClientIdIsAUsageError() {
        int exit = run(TOKEN, "credentials", "set", "--db", db().toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("needs --client-id").contains("Usage:");
        assertThat(db()).doesNotExist();
    }

    @Test
    void setWithEmptyStdinIsAUsageError() {
        int exit = run("\n\n", "credentials", "set", "--client-id", "1100123456", "--db", db().toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("no access token on stdin");
        assertThat(db()).doesNotExist();
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertThat(run("", "credentials")).isEqualTo(2);
        assertThat(run("", "credentials", "rotate")).isEqualTo(2);
        assertThat(run("", "credentials", "show", "--verbose")).isEqualTo(2);
        assertThat(err()).contains("unknown option --verbose");
        assertThat(run("", "credentials", "show", "--db")).isEqualTo(2);
        assertThat(err()).contains("--db needs a value");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("", "credentials", "--help")).isZero();

        assertThat(out()).contains("credentials set --client-id").contains("stdin");
    }

    @Test
    void clearRemovesTheStoredCredentials() {
        run(TOKEN, "credentials", "set", "--client-id", "1100123456", "--db", db().toString());

        assertThat(run("", "credentials", "clear", "--db", db().toString())).isZero();

        assertThat(out()).contains("Removed the Dhan credentials");
        assertThat(store().load()).isEmpty();
        assertThat(run("", "credentials", "clear", "--db", db().toString())).isZero();
        assertThat(out()).contains("nothing to remove");
    }

    @Test
    void aWrongKeyIsAFailureWithAdviceNotAStackTrace() {
        env.put("LIVECHAIN_CREDENTIALS_KEY", randomKey());
        run(TOKEN, "credentials", "set", "--client-id", "1100123456", "--db", db().toString());
        env.put("LIVECHAIN_CREDENTIALS_KEY", randomKey());

        int exit = run("", "credentials", "show", "--db", db().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("cannot be decrypted with the configured key (LIVECHAIN_CREDENTIALS_KEY)")
                .doesNotContain("Exception").doesNotContain(TOKEN);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static final String PIN = "246813";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    void setWithTotpStoresThePinAndSecretFromStdinAndNeverPrintsThem() {
        int exit = run(TOKEN + "\n" + PIN + "\n\n jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp \n",
                "credentials", "set", "--client-id", "1100123456", "--totp", "--db", db().toString());

        assertThat(exit).isZero();
        assertThat(store().load()).contains(new DhanCredentials("1100123456", TOKEN));
        assertThat(store().loadTotp()).contains(new TotpSecrets("1100123456", PIN, TOTP_SECRET));
        assertThat(out()).contains("the PIN and the TOTP secret are encrypted", "generates a fresh token");
        assertThat(out() + err()).doesNotContain(PIN, TOTP_SECRET, "JBSW", "jbsw", TOKEN);

        assertThat(run("", "credentials", "show", "--db", db().toString())).isZero();
        assertThat(out()).contains("PIN and TOTP:     stored for client 1100****56");
        assertThat(out() + err()).doesNotContain(PIN, TOTP_SECRET, "JBSW", TOKEN);
    }

    @Test
    void aBadPinOrSecretIsRefusedWithoutEchoAndSavesNothing() {
        String badPin = "24681x";
        assertThat(run(TOKEN + "\n" + badPin + "\n" + TOTP_SECRET + "\n",
                "set", "--client-id", "1100123456", "--totp", "--db", db().toString())).isEqualTo(CredentialsCommand.USAGE_ERROR);
        assertThat(err()).contains("the PIN must be the 6 digits").doesNotContain(badPin, TOTP_SECRET);

        String notBase32 = "not-a-secret-190";
        assertThat(run(TOKEN + "\n" + PIN + "\n" + notBase32 + "\n",
                "set", "--client-id", "1100123456", "--totp", "--db", db().toString())).isEqualTo(CredentialsCommand.USAGE_ERROR);
        assertThat(err()).contains("not base32").doesNotContain(PIN, notBase32, "190");

        assertThat(run(TOKEN + "\n" + PIN + "\n", "set", "--client-id", "1100123456", "--totp", "--db", db().toString()))
                .isEqualTo(CredentialsCommand.USAGE_ERROR);
        assertThat(err()).contains("expected three lines").doesNotContain(PIN);
        assertThat(store().load()).isEmpty();
        assertThat(store().loadTotp()).isEmpty();
    }

    @Test
    void aPinOrSecretOnTheCommandLineIsRefusedWithoutEcho() {
        for (String[] args : new String[][] {
                {"set", "--client-id", "1100123456", "--pin=" + PIN},
                {"set", "--client-id", "1100123456", "--pin", PIN},
                {"set", "--client-id", "1100123456", "--totp-secret", TOTP_SECRET},
                {"set", "--client-id", "1100123456", "--totp=" + TOTP_SECRET}}) {
            assertThat(run("", args)).as(String.join(" ", args)).isEqualTo(CredentialsCommand.USAGE_ERROR);
            assertThat(err()).contains("refusing", "shell history").doesNotContain(PIN, TOTP_SECRET);
        }
        assertThat(db()).doesNotExist();
    }
}
