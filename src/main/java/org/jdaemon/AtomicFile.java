package org.jdaemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a whole file by writing a new one beside it and renaming it over the old, so that a
 * reader (node_exporter, the status command) sees the old content or the new, never half of it.
 */
final class AtomicFile {
    /** NOFOLLOW and CREATE_NEW: a link planted at the temporary name must not redirect the write. */
    private static final Set<OpenOption> CREATE = Set.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Path file;
    private final Path temporary;
    private final Set<PosixFilePermission> mode;

    /** The temporary file's name does not end in .prom, so that node_exporter never reads it. */
    AtomicFile(Path file, String mode) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
        this.mode = PosixFilePermissions.fromString(mode);
    }

    Path path() {
        return file;
    }

    void replace(String content) throws IOException {
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(temporary, CREATE,
                PosixFilePermissions.asFileAttribute(mode))) {
            // The umask may have taken bits away (jsvc 1.0.15 restores the caller's, DAEMON-318).
            Files.setPosixFilePermissions(temporary, mode);
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
