package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutageLogTest {
    private static final String FILE = "/var/lib/jdaemon/test.txt";

    @Test
    void logsOneWarningPerEpisodeAndOneRecovery() {
        try (CapturedLog log = new CapturedLog(OutageLogTest.class)) {
            OutageLog outages = new OutageLog(OutageLogTest.class, "records", "record(s)");
            outages.succeeded(FILE);
            for (int i = 0; i < 1000; i++) {
                outages.failed(FILE, new NoSuchFileException(FILE));
            }
            outages.failed(FILE, new AccessDeniedException(FILE));
            outages.succeeded(FILE);
            outages.succeeded(FILE);
            outages.failed(FILE, new FileSystemException(FILE, null, "No space left on device"));
            assertEquals(List.of(
                    "WARN cannot write records to " + FILE + ": no such file or directory; "
                            + "retrying at every interval, logged again when it works",
                    "INFO writing records to " + FILE + " works again; 1001 record(s) could not be written meanwhile",
                    "WARN cannot write records to " + FILE + ": No space left on device; "
                            + "retrying at every interval, logged again when it works"),
                    log.lines());
        }
    }
}
