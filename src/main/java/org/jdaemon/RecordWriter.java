package org.jdaemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Appends one record to the output file. The file is opened for every record, as the seed does, so
 * that a logrotate move-and-create or a deleted file is picked up at the next record; each record is
 * one write(2) on an O_APPEND descriptor, so no reader ever sees half of one.
 */
final class RecordWriter {
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");

    private static final FileAttribute<Set<PosixFilePermission>> CREATE_MODE =
            PosixFilePermissions.asFileAttribute(MODE);
    private static final Set<OpenOption> CREATE = Set.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            LinkOption.NOFOLLOW_LINKS);
    /** NOFOLLOW: a link planted at the output path must not redirect the service's writes. */
    private static final Set<OpenOption> APPEND = Set.of(
            StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);

    void append(Path file, byte[] record, boolean fsync) throws IOException {
        try (FileChannel channel = open(file)) {
            long sizeBefore = channel.size();
            int written = channel.write(ByteBuffer.wrap(record));
            if (written != record.length) {
                // A full disk can accept part of a write: take the fragment back rather than leave a torn line.
                channel.truncate(sizeBefore);
                throw new IOException("short write (" + written + " of " + record.length
                        + " bytes, the fragment was removed)");
            }
            if (fsync) {
                channel.force(false);
            }
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            FileChannel created = FileChannel.open(file, CREATE, CREATE_MODE);
            // jsvc 1.0.15 restores the caller's umask before start() (DAEMON-318): set the mode explicitly.
            Files.setPosixFilePermissions(file, MODE);
            return created;
        } catch (FileAlreadyExistsException e) {
            // Opening a FIFO or a device for writing could block the loop or write where no file is meant.
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("not a regular file", e);
            }
            return FileChannel.open(file, APPEND);
        }
    }
}
