package org.jdaemon;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;


/**
 * Reports failed writes once per episode: one WARN when writing stops working, one INFO when it works
 * again, whatever happens in between, so that a long outage never floods the log. The logger is
 * looked up only when there is something to report, and never waited for (see {@link Logs#later}), so
 * that writing records never waits for log4j2 to start.
 */
final class OutageLog {
    private final Class<?> source;
    private final String what;
    private final String unit;
    private boolean failing;
    private long missed;

    /**
     * @param source the class whose logger reports the outages
     * @param what   what is written, as in "cannot write records to ..."
     * @param unit   one of them, counted, as in "3 record(s) could not be written"
     */
    OutageLog(Class<?> source, String what, String unit) {
        this.source = source;
        this.what = what;
        this.unit = unit;
    }

    void failed(String target, IOException cause) {
        missed++;
        if (!failing) {
            failing = true;
            String reason = reason(cause);
            Logs.later(source, log -> log.warn("cannot write {} to {}: {}; retrying at every interval, logged again "
                    + "when it works", what, target, reason));
        }
    }

    void succeeded(String target) {
        if (failing) {
            long count = missed;
            Logs.later(source, log -> log.info("writing {} to {} works again; {} {} could not be written meanwhile",
                    what, target, count, unit));
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
}
