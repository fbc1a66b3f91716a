package com.livechain.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts tokens in the store: {@code LIVECHAIN_CREDENTIALS_KEY} (base64 of 32 bytes)
 * when set, otherwise the key file {@code credentials.key} beside the database, generated on first write.
 *
 * <p>The key file is what makes the store worth encrypting only when the two are kept apart (a copied db,
 * a backup of the db alone); a deployment that wants that guarantee sets the variable instead.
 */
final class StoreKey {

    static final String VARIABLE = "LIVECHAIN_CREDENTIALS_KEY";
    static final String FILE_NAME = "credentials.key";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private final Function<String, String> environment;

    StoreKey(Path db, Function<String, String> environment) {
        this.keyFile = db.toAbsolutePath().resolveSibling(FILE_NAME);
        this.environment = environment;
    }

    Path keyFile() {
        return keyFile;
    }

    /** Where the key comes from, for messages: the variable's name or the key file's path, never the key. */
    String describe() {
        return variable().isPresent() ? VARIABLE : "key file " + keyFile;
    }

    /** The key to decrypt with, empty when none is configured. Never creates the key file. */
    Optional<SecretKey> existing() {
        Optional<String> fromVariable = variable();
        if (fromVariable.isPresent()) {
            return Optional.of(decode(fromVariable.get(), VARIABLE));
        }
        try {
            String encoded = Files.readString(keyFile, StandardCharsets.US_ASCII);
            return Optional.of(decode(encoded, "The key file " + keyFile));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CredentialStoreException("The key file " + keyFile + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The key to encrypt with; generates the key file if neither it nor the variable exists. */
    SecretKey getOrCreate() {
        return existing().orElseGet(this::createKeyFile);
    }

    private SecretKey createKeyFile() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        byte[] encoded = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            PrivateFiles.createDirectories(keyFile.getParent());
            try (FileChannel channel = PrivateFiles.createNew(keyFile)) {
                ByteBuffer buffer = ByteBuffer.wrap(encoded);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // A key lost in a crash after the db was written would make the stored token unreadable.
                channel.force(true);
            }
            return new SecretKeySpec(key, "AES");
        } catch (FileAlreadyExistsException anotherWriterWon) {
            // A concurrent `credentials set` created it first: use that one, or the two writes disagree.
            return existing().orElseThrow();
        } catch (IOException e) {
            throw new CredentialStoreException("Cannot create the key file " + keyFile + ": " + e.getMessage()
                    + ". Make its directory writable, or set " + VARIABLE + " to a key (openssl rand -base64 32).", e);
        }
    }

    private Optional<String> variable() {
        String value = environment.apply(VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static SecretKey decode(String encoded, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new CredentialStoreException(what + " is not base64. It must hold a base64 AES-256 key of "
                    + KEY_BYTES + " bytes, e.g. from `openssl rand -base64 32`.");
        }
        if (key.length != KEY_BYTES) {
            throw new CredentialStoreException(what + " decodes to " + key.length + " bytes; an AES-256 key is "
                    + KEY_BYTES + " bytes (base64, e.g. from `openssl rand -base64 32`).");
        }
        return new SecretKeySpec(key, "AES");
    }
}
