package org.jdaemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A {@link StatusSink} that is one file, in a format of its own, replaced whole at every update and
 * removed when the service stops. Mode 0644: root's status command and node_exporter read it, and
 * it holds nothing secret.
 */
final class FileSink implements StatusSink {
    private final AtomicFile file;
    private final Function<StatusSnapshot, String> format;

    FileSink(Path path, Function<StatusSnapshot, String> format) {
        this.file = new AtomicFile(path, "rw-r--r--");
        this.format = format;
    }

    @Override
    public String target() {
        return file.path().toString();
    }

    @Override
    public void ready(StatusSnapshot status) throws IOException {
        update(status);
    }

    @Override
    public void update(StatusSnapshot status) throws IOException {
        file.replace(format.apply(status));
    }

    @Override
    public void stopped() throws IOException {
        file.delete();
    }
}
