package org.jdaemon;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reports failed writes once per episode: one WARN when writing stops working, one INFO when it works
 * again, whatever happens in between, so that a long outage never floods the log. The logger is
 * looked up only when there is something to report, so that writing records never waits for log4j2
 * to start.
 */
final class OutageLog {
    private final Class<?> source;
    private boolean failing;
    private long missed;

    /** @param source the class whose logger reports the outages */
    OutageLog(Class<?> source) {
        this.source = source;
    }

    void failed(Path file, IOException cause) {
        missed++;
        if (!failing) {
            failing = true;
            log().warn("cannot write records to {}: {}; retrying at every interval, logged again when it works",
                    file, reason(cause));
        }
    }

    void succeeded(Path file) {
        if (failing) {
            log().info("writing records to {} works again; {} record(s) could not be written meanwhile", file, missed);
            failing = false;
            missed = 0;
        }
    }

    static String reason(IOException cause) {
        if (cause instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private Logger log() {
        return LogManager.getLogger(source);
    }
}
