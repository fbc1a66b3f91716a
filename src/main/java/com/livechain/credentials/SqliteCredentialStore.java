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
 */
public final class SqliteCredentialStore {

    private static final String TABLE = "dhan_credentials";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // Versioned so a future format cannot be mistaken for this one; the client id follows it.
    private static final String AAD_PREFIX = "livechain.credentials.v1:";
    // `credentials set` and the running app may touch the file at the same moment.
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

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
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext;
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, secret, iv, credentials.clientId());
            ciphertext = cipher.doFinal(credentials.accessToken().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CredentialStoreException("Cannot encrypt the access token: " + e.getMessage(), e);
        }
        try {
            PrivateFiles.createDirectories(db.getParent());
            PrivateFiles.createFileIfAbsent(db);
        } catch (IOException e) {
            throw new CredentialStoreException("Cannot create the credential store " + db + ": " + e.getMessage()
                    + ". Choose a writable location with --db or LIVECHAIN_CREDENTIALS_DB.", e);
        }
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
            if (!tableExists(connection)) {
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
        return Optional.of(new DhanCredentials(clientId, decrypt(clientId, iv, ciphertext)));
    }

    /** Removes the stored credentials; true if there were any. The key file is kept for the next save. */
    public boolean clear() {
        if (!Files.exists(db)) {
            return false;
        }
        try (Connection connection = open(false); Statement statement = connection.createStatement()) {
            if (!tableExists(connection)) {
                return false;
            }
            secureDelete(statement);
            return statement.executeUpdate("DELETE FROM " + TABLE) > 0;
        } catch (SQLException e) {
            throw new CredentialStoreException("Cannot clear the credential store " + db + ": " + e.getMessage(), e);
        }
    }

    private String decrypt(String clientId, byte[] iv, byte[] ciphertext) {
        SecretKey secret = key.existing().orElseThrow(() -> cannotDecrypt(
                ": no key is configured (" + StoreKey.VARIABLE + " is not set and " + key.keyFile() + " does not exist)"));
        if (clientId == null || iv == null || iv.length != IV_BYTES || ciphertext == null) {
            throw cannotDecrypt(" with the configured key (" + key.describe() + "): the stored row is damaged");
        }
        try {
            byte[] token = cipher(Cipher.DECRYPT_MODE, secret, iv, clientId).doFinal(ciphertext);
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

    private static Cipher cipher(int mode, SecretKey secret, byte[] iv, String clientId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, secret, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((AAD_PREFIX + clientId).getBytes(StandardCharsets.UTF_8));
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

    private static boolean tableExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            query.setString(1, TABLE);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
