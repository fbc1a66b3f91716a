package com.livechain.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Dhan credentials in a SQLite file, the access token encrypted with AES-256-GCM.
 *
 * <p>One row: livechain trades one Dhan account, and {@code credentials set} replaces it. Each write
 * draws a fresh 12-byte IV (GCM must never reuse an IV under one key) and binds the client id as
 * associated data, so a token pasted under another client's row fails authentication instead of
 * being sent to Dhan with the wrong account.
 *
 * <p>The file and the key file are created 0600, and missing parent directories 0700. Reading never
 * creates anything: a missing file simply means no stored credentials. A connection is opened per
 * call, so a token renewed by {@code credentials set} while the app runs is seen on the next read.
 *
 * <p>A second optional row holds the PIN and TOTP secret from which the app generates a fresh token itself
 * (protocol §6.1), each encrypted the same way with its own IV, and with associated data naming the field,
 * so neither ciphertext can be moved into the other's place.
 */
public final class SqliteCredentialStore {

    private static final String TABLE = "dhan_credentials";
    // PIN and TOTP secret for generateAccessToken (credentials set --totp); a table of its own, so a token
    // written by `credentials set` or by a renewal leaves them as they are.
    private static final String TOTP_TABLE = "dhan_totp";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // Versioned so a future format cannot be mistaken for this one; the client id follows it.
    private static final String AAD_PREFIX = "livechain.credentials.v1:";
    // `credentials set` and the running app may touch the file at the same moment.
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final String PIN_FIELD = "pin:";
    private static final String TOTP_FIELD = "totp:";

    private final Path db;
    private final StoreKey key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param db          the SQLite file; need not exist
     * @param environment variable lookup for {@code LIVECHAIN_CREDENTIALS_KEY} (e.g. {@code System::getenv})
     */
    public SqliteCredentialStore(Path db, Function<String, String> environment) {
        this.db = db.toAbsolutePath();
        this.key = new StoreKey(this.db, environment);
    }

    public Path db() {
        return db;
    }

    /** Where the key file is or would be; unused while {@code LIVECHAIN_CREDENTIALS_KEY} is set. */
    public Path keyFile() {
        return key.keyFile();
    }

    /** {@code LIVECHAIN_CREDENTIALS_KEY} or {@code key file <path>}, for messages. */
    public String keySource() {
        return key.describe();
    }

    /** Replaces the stored credentials, creating the file, its directory and the key file as needed. */
    public void save(DhanCredentials credentials) {
        SecretKey secret = key.getOrCreate();
        byte[] iv = newIv();
        byte[] ciphertext = encrypt(secret, iv, credentials.clientId(), credentials.accessToken());
        createFile();
        try (Connection connection = open(false); Statement statement = connection.createStatement()) {
            secureDelete(statement);
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "id INTEGER PRIMARY KEY CHECK (id = 1), "
                    + "client_id TEXT NOT NULL, "
                    + "token_iv BLOB NOT NULL, "
                    + "token_ciphertext BLOB NOT NULL, "
                    + "saved_at TEXT NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO " + TABLE
                    + " (id, client_id, token_iv, token_ciphertext, saved_at) VALUES (1, ?, ?, ?, ?)")) {
                insert.setString(1, credentials.clientId());
                insert.setBytes(2, iv);
                insert.setBytes(3, ciphertext);
                insert.setString(4, Instant.now().toString());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new CredentialStoreException("Cannot write the credential store " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the stored credentials, empty when the file or the row does not exist
     * @throws CredentialStoreException when the row cannot be read or decrypted with the configured key
     */
    public Optional<DhanCredentials> load() {
        if (!Files.exists(db)) {
            return Optional.empty();
        }
        String clientId;
        byte[] iv;
        byte[] ciphertext;
        try (Connection connection = open(true)) {
            if (!tableExists(connection, TABLE)) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT client_id, token_iv, token_ciphertext FROM " + TABLE + " WHERE id = 1")) {
                if (!row.next()) {
                    return Optional.empty();
                }
                clientId = row.getString(1);
                iv = row.getBytes(2);
                ciphertext = row.getBytes(3);
            }
        } catch (SQLException e) {
            if (!Files.exists(db)) {
                return Optional.empty(); // cleared and deleted between the check and the open
            }
            throw new CredentialStoreException("The credential store " + db + " cannot be read: " + e.getMessage()
                    + ". Run `java -jar livechain.jar credentials set --client-id <id>` to write it again,"
                    + " or point LIVECHAIN_CREDENTIALS_DB elsewhere.", e);
        }
        return Optional.of(new DhanCredentials(clientId, decrypt(clientId, clientId, iv, ciphertext)));
    }

    /**
     * Stores the PIN and TOTP secret from which the app generates its next token (replacing any stored before),
     * creating the file and the key as {@link #save} does. The access token row is left as it is.
     */
    public void saveTotp(TotpSecrets secrets) {
        SecretKey secret = key.getOrCreate();
        byte[] pinIv = newIv();
        byte[] secretIv = newIv();
        byte[] pin = encrypt(secret, pinIv, PIN_FIELD + secrets.clientId(), secrets.pin());
        byte[] totp = encrypt(secret, secretIv, TOTP_FIELD + secrets.clientId(), secrets.totpSecret());
        createFile();
        try (Connection connection = open(false); Statement statement = connection.createStatement()) {
            secureDelete(statement);
            statement.execute("CREATE TABLE IF NOT EXISTS " + TOTP_TABLE + " ("
                    + "id INTEGER PRIMARY KEY CHECK (id = 1), "
                    + "client_id TEXT NOT NULL, "
                    + "pin_iv BLOB NOT NULL, "
                    + "pin_ciphertext BLOB NOT NULL, "
                    + "secret_iv BLOB NOT NULL, "
                    + "secret_ciphertext BLOB NOT NULL, "
                    + "saved_at TEXT NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO " + TOTP_TABLE
                    + " (id, client_id, pin_iv, pin_ciphertext, secret_iv, secret_ciphertext, saved_at)"
                    + " VALUES (1, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, secrets.clientId());
                insert.setBytes(2, pinIv);
                insert.setBytes(3, pin);
                insert.setBytes(4, secretIv);
                insert.setBytes(5, totp);
                insert.setString(6, Instant.now().toString());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new CredentialStoreException("Cannot write the credential store " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the stored PIN and TOTP secret, empty when none are stored
     * @throws CredentialStoreException when they cannot be read or decrypted with the configured key
     */
    public Optional<TotpSecrets> loadTotp() {
        if (!Files.exists(db)) {
            return Optional.empty();
        }
        try (Connection connection = open(true)) {
            if (!tableExists(connection, TOTP_TABLE)) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT client_id, pin_iv, pin_ciphertext, secret_iv,"
                         + " secret_ciphertext FROM " + TOTP_TABLE + " WHERE id = 1")) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String clientId = row.getString(1);
                String pin = decrypt(PIN_FIELD + clientId, clientId, row.getBytes(2), row.getBytes(3));
                String totp = decrypt(TOTP_FIELD + clientId, clientId, row.getBytes(4), row.getBytes(5));
                return Optional.of(new TotpSecrets(clientId, pin, totp));
            }
        } catch (SQLException e) {
            if (!Files.exists(db)) {
                return Optional.empty();
            }
            throw new CredentialStoreException("The credential store " + db + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Removes the stored credentials; true if there were any. The key file is kept for the next save. */
    public boolean clear() {
        if (!Files.exists(db)) {
            return false;
        }
        try (Connection connection = open(false); Statement statement = connection.createStatement()) {
            if (!tableExists(connection, TABLE) && !tableExists(connection, TOTP_TABLE)) {
                return false;
            }
            secureDelete(statement);
            boolean totp = tableExists(connection, TOTP_TABLE) && statement.executeUpdate("DELETE FROM " + TOTP_TABLE) > 0;
            boolean token = tableExists(connection, TABLE) && statement.executeUpdate("DELETE FROM " + TABLE) > 0;
            return token || totp;
        } catch (SQLException e) {
            throw new CredentialStoreException("Cannot clear the credential store " + db + ": " + e.getMessage(), e);
        }
    }

    private byte[] newIv() {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        return iv;
    }

    private static byte[] encrypt(SecretKey secret, byte[] iv, String associated, String plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, secret, iv, associated).doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CredentialStoreException("Cannot encrypt for the credential store: " + e.getMessage(), e);
        }
    }

    private void createFile() {
        try {
            PrivateFiles.createDirectories(db.getParent());
            PrivateFiles.createFileIfAbsent(db);
        } catch (IOException e) {
            throw new CredentialStoreException("Cannot create the credential store " + db + ": " + e.getMessage()
                    + ". Choose a writable location with --db or LIVECHAIN_CREDENTIALS_DB.", e);
        }
    }

    /** @param associated what the ciphertext is bound to: the client id, prefixed with the field for the TOTP row */
    private String decrypt(String associated, String clientId, byte[] iv, byte[] ciphertext) {
        SecretKey secret = key.existing().orElseThrow(() -> cannotDecrypt(
                ": no key is configured (" + StoreKey.VARIABLE + " is not set and " + key.keyFile() + " does not exist)"));
        if (clientId == null || iv == null || iv.length != IV_BYTES || ciphertext == null) {
            throw cannotDecrypt(" with the configured key (" + key.describe() + "): the stored row is damaged");
        }
        try {
            byte[] token = cipher(Cipher.DECRYPT_MODE, secret, iv, associated).doFinal(ciphertext);
            return new String(token, StandardCharsets.UTF_8);
        } catch (AEADBadTagException wrongKeyOrTampered) {
            // Deliberately no cause: "Tag mismatch" in a start-up trace says less than the message does.
            throw cannotDecrypt(" with the configured key (" + key.describe() + ")");
        } catch (GeneralSecurityException e) {
            throw new CredentialStoreException("Cannot decrypt the credential store " + db + ": " + e.getMessage(), e);
        }
    }

    private CredentialStoreException cannotDecrypt(String reason) {
        return new CredentialStoreException("The credential store at " + db + " cannot be decrypted" + reason
                + ". Set " + StoreKey.VARIABLE + " to the key that was in use when the credentials were saved,"
                + " or run `java -jar livechain.jar credentials set --client-id <id>` again to replace them.");
    }

    private static Cipher cipher(int mode, SecretKey secret, byte[] iv, String associated) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, secret, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((AAD_PREFIX + associated).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private Connection open(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setReadOnly(readOnly);
        // The file is created beforehand with 0600; SQLite creating it would use the umask instead.
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        return config.createConnection("jdbc:sqlite:" + db);
    }

    private static void secureDelete(Statement statement) throws SQLException {
        // Overwrite replaced and deleted rows instead of leaving the old ciphertext in free pages.
        statement.execute("PRAGMA secure_delete = ON");
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
