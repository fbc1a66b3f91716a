package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCredentialStoreTest {

    private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIn0.c2VjcmV0LXNpZ25hdHVyZQ";
    private static final DhanCredentials CREDENTIALS = new DhanCredentials("1100123456", TOKEN);

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("store").resolve("credentials.db");
    }

    private SqliteCredentialStore storeWithKeyFile() {
        return new SqliteCredentialStore(db(), name -> null);
    }

    private SqliteCredentialStore storeWithKey(String base64Key) {
        return new SqliteCredentialStore(db(), Map.of("LIVECHAIN_CREDENTIALS_KEY", base64Key)::get);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void savedCredentialsLoadBack() {
        SqliteCredentialStore store = storeWithKeyFile();

        store.save(CREDENTIALS);

        assertThat(store.load()).contains(CREDENTIALS);
        assertThat(storeWithKeyFile().load()).as("a new instance, as after a restart").contains(CREDENTIALS);
    }

    @Test
    void theTokenIsNotInTheFilesOnDisk() throws IOException {
        SqliteCredentialStore store = storeWithKeyFile();
        store.save(new DhanCredentials("1100123456", "an-older-token-" + TOKEN));
        store.save(CREDENTIALS);
        store.load();

        byte[] token = TOKEN.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(db().getParent())) {
            assertThat(files).isNotEmpty().allSatisfy(file ->
                    assertThat(indexOf(Files.readAllBytes(file), token)).as(file.toString()).isEqualTo(-1));
        }
    }

    @Test
    void dbAndKeyFileAreOwnerOnlyAndTheNewDirectoryToo() throws IOException {
        SqliteCredentialStore store = storeWithKeyFile();

        store.save(CREDENTIALS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db()))).isEqualTo("rw-------");
        assertThat(store.keyFile()).isEqualTo(db().getParent().resolve("credentials.key"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void theKeyFileHoldsABase64KeyUsableAsTheVariable() throws IOException {
        storeWithKeyFile().save(CREDENTIALS);
        String key = Files.readString(db().resolveSibling("credentials.key")).trim();

        Files.delete(db().resolveSibling("credentials.key"));

        assertThat(storeWithKey(key).load()).contains(CREDENTIALS);
    }

    @Test
    void aMissingDbIsNoCredentialsAndReadingCreatesNothing() {
        SqliteCredentialStore store = storeWithKeyFile();

        assertThat(store.load()).isEmpty();
        assertThat(store.clear()).isFalse();
        assertThat(db().getParent()).doesNotExist();
    }

    @Test
    void anEmptyDbFileIsNoCredentials() throws IOException {
        Files.createDirectories(db().getParent());
        Files.createFile(db());

        assertThat(storeWithKeyFile().load()).isEmpty();
    }

    @Test
    void aFileThatIsNotADatabaseIsAClearErrorNotEmptyCredentials() throws IOException {
        Files.createDirectories(db().getParent());
        Files.writeString(db(), "this is not a SQLite database, just some text that is long enough to be read");

        assertThatExceptionOfType(CredentialStoreException.class).isThrownBy(() -> storeWithKeyFile().load())
                .withMessageContaining("The credential store " + db().toAbsolutePath() + " cannot be read")
                .withMessageContaining("credentials set");
    }

    @Test
    void theVariableKeyIsUsedAndNoKeyFileIsWritten() {
        SqliteCredentialStore store = storeWithKey(randomKey());

        store.save(CREDENTIALS);

        assertThat(store.load()).contains(CREDENTIALS);
        assertThat(store.keyFile()).doesNotExist();
        assertThat(store.keySource()).isEqualTo("LIVECHAIN_CREDENTIALS_KEY");
    }

    @Test
    void aDifferentKeyFailsWithAMessageSayingWhatToDo() {
        storeWithKey(randomKey()).save(CREDENTIALS);

        assertThatExceptionOfType(CredentialStoreException.class).isThrownBy(() -> storeWithKey(randomKey()).load())
                .withMessageContaining("The credential store at " + db().toAbsolutePath()
                        + " cannot be decrypted with the configured key (LIVECHAIN_CREDENTIALS_KEY)")
                .withMessageContaining("Set LIVECHAIN_CREDENTIALS_KEY to the key that was in use")
                .withMessageContaining("credentials set")
                .withMessageNotContaining(TOKEN)
                .withNoCause();
    }

    @Test
    void aLostKeyFileFailsWithTheSameAdvice() throws IOException {
        SqliteCredentialStore store = storeWithKeyFile();
        store.save(CREDENTIALS);
        Files.delete(store.keyFile());

        assertThatExceptionOfType(CredentialStoreException.class).isThrownBy(store::load)
                .withMessageContaining("cannot be decrypted: no key is configured")
                .withMessageContaining("Set LIVECHAIN_CREDENTIALS_KEY");
        assertThat(store.keyFile()).as("reading must not generate a new key").doesNotExist();
    }

    @Test
    void aTokenMovedUnderAnotherClientIdFailsToDecrypt() throws SQLException {
        SqliteCredentialStore store = storeWithKeyFile();
        store.save(CREDENTIALS);

        execute("UPDATE dhan_credentials SET client_id = '2200654321'");

        assertThatExceptionOfType(CredentialStoreException.class).isThrownBy(store::load)
                .withMessageContaining("cannot be decrypted with the configured key");
    }

    @Test
    void aMalformedVariableKeyIsNamedAndNotPrinted() {
        assertThatExceptionOfType(CredentialStoreException.class)
                .isThrownBy(() -> storeWithKey("c2hvcnQ=").save(CREDENTIALS))
                .withMessageContaining("LIVECHAIN_CREDENTIALS_KEY decodes to 5 bytes")
                .withMessageNotContaining("c2hvcnQ=");
        assertThat(db()).doesNotExist();
    }

    @Test
    void eachWriteUsesAFreshIv() throws SQLException {
        SqliteCredentialStore store = storeWithKeyFile();
        store.save(CREDENTIALS);
        byte[] first = queryIv();
        store.save(CREDENTIALS);

        assertThat(queryIv()).hasSize(12).isNotEqualTo(first);
    }

    @Test
    void clearRemovesTheCredentialsAndKeepsTheKey() {
        SqliteCredentialStore store = storeWithKeyFile();
        store.save(CREDENTIALS);

        assertThat(store.clear()).isTrue();

        assertThat(store.load()).isEmpty();
        assertThat(store.clear()).isFalse();
        assertThat(store.keyFile()).exists();
    }

    static final String PIN = "246813";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    void thePinAndTotpSecretRoundTripEncryptedAndNeitherIsOnDiskInTheClear() throws IOException {
        SqliteCredentialStore store = storeWithKeyFile();
        store.save(CREDENTIALS);
        store.saveTotp(new TotpSecrets("1100123456", PIN, TOTP_SECRET));

        assertThat(storeWithKeyFile().loadTotp()).contains(new TotpSecrets("1100123456", PIN, TOTP_SECRET));
        try (Stream<Path> files = Files.list(db().getParent())) {
            for (Path file : files.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(indexOf(bytes, PIN.getBytes(StandardCharsets.US_ASCII))).as(file.toString()).isNegative();
                assertThat(indexOf(bytes, TOTP_SECRET.getBytes(StandardCharsets.US_ASCII))).as(file.toString()).isNegative();
            }
        }
        assertThat(new TotpSecrets("1100123456", PIN, TOTP_SECRET).toString()).doesNotContain(PIN, TOTP_SECRET);
    }

    @Test
    void aNewTokenLeavesThePinAndTotpAndClearRemovesBoth() {
        SqliteCredentialStore store = storeWithKeyFile();
        store.save(CREDENTIALS);
        store.saveTotp(new TotpSecrets("1100123456", PIN, TOTP_SECRET));

        store.save(new DhanCredentials("1100123456", "a-renewed-" + TOKEN));
        assertThat(store.loadTotp()).isPresent();
        assertThat(store.load()).map(DhanCredentials::accessToken).contains("a-renewed-" + TOKEN);

        assertThat(store.clear()).isTrue();
        assertThat(store.load()).isEmpty();
        assertThat(store.loadTotp()).isEmpty();
    }

    @Test
    void thePinCiphertextCannotBeReadAsTheTotpSecret() throws SQLException {
        storeWithKeyFile().saveTotp(new TotpSecrets("1100123456", PIN, TOTP_SECRET));
        // Swap the two fields' ciphertexts: bound to their field by the associated data, both must fail.
        execute("UPDATE dhan_totp SET pin_iv = secret_iv, pin_ciphertext = secret_ciphertext, "
                + "secret_iv = pin_iv, secret_ciphertext = pin_ciphertext");

        assertThatExceptionOfType(CredentialStoreException.class).isThrownBy(() -> storeWithKeyFile().loadTotp())
                .withMessageContaining("cannot be decrypted").withMessageNotContaining(PIN);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private byte[] queryIv() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT token_iv FROM dhan_credentials")) {
            row.next();
            return row.getBytes(1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
