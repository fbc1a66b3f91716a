package com.livechain.credentials;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates files only their owner can read. The permissions are given to the create call itself, so
 * there is no moment in which another user could open the file between creation and a later chmod.
 * On file systems without POSIX permissions (Windows) files are created with the platform default.
 */
final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates the missing directories of {@code dir} as 0700; directories that already exist are left as they are. */
    static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir, attributes(dir, OWNER_ONLY_DIRECTORY));
    }

    /** Creates an empty 0600 file unless one exists; true when this call created it. */
    static boolean createFileIfAbsent(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file, OWNER_READ_WRITE));
            return true;
        } catch (FileAlreadyExistsException alreadyThere) {
            return false;
        }
    }

    /** Opens a new 0600 file for writing; fails with {@link FileAlreadyExistsException} if it exists. */
    static FileChannel createNew(Path file) throws IOException {
        return FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attributes(file, OWNER_READ_WRITE));
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
