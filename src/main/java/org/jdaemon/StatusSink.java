package org.jdaemon;

import java.io.IOException;

/** Somewhere the figures of a running jdaemon go: systemd, the init script's status file, the metrics file. */
interface StatusSink {
    /** Where it writes, for the log. */
    String target();

    /** The record loop runs: start() has started it, and the configuration was accepted. */
    void ready(StatusSnapshot status) throws IOException;

    void update(StatusSnapshot status) throws IOException;

    /** The service stops: figures left behind would pass for a running one. */
    void stopped() throws IOException;
}
