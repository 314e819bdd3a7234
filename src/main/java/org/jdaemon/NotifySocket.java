package org.jdaemon;

import java.io.IOException;

/** systemd's notification socket (sd_notify(3)): one datagram per message. */
interface NotifySocket {
    void send(String message) throws IOException;
}
