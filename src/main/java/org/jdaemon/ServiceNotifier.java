package org.jdaemon;

import java.io.IOException;
import java.time.Duration;

/**
 * Tells systemd (sd_notify(3)) that jdaemon is ready, what it is doing (STATUS=, shown by systemctl
 * status) and, at every update of the record loop, that the loop is alive (WATCHDOG=1). The loop itself
 * sends every message, so a loop that is stuck stops feeding the watchdog and systemd restarts the
 * service. The watchdog's time follows the interval: jdaemon sets it (WATCHDOG_USEC=) when it starts and
 * whenever a reload changes the interval.
 */
final class ServiceNotifier implements StatusSink {
    private final NotifySocket socket;
    private final boolean watchdog;
    private Duration watchdogSent;

    /** @param watchdog whether the unit has a watchdog (systemd sets $WATCHDOG_USEC then) */
    ServiceNotifier(NotifySocket socket, boolean watchdog) {
        this.socket = socket;
        this.watchdog = watchdog;
    }

    @Override
    public String target() {
        return socket.toString();
    }

    @Override
    public void ready(StatusSnapshot status) throws IOException {
        send("READY=1\n", status);
    }

    @Override
    public void update(StatusSnapshot status) throws IOException {
        send("", status);
    }

    /** systemd sees the main process, jsvc's controller, stop. */
    @Override
    public void stopped() {
    }

    private void send(String first, StatusSnapshot status) throws IOException {
        StringBuilder message = new StringBuilder(200).append(first);
        message.append("STATUS=").append(status.describe()).append('\n');
        Duration timeout = status.watchdog();
        if (watchdog) {
            if (!timeout.equals(watchdogSent)) {
                message.append("WATCHDOG_USEC=").append(timeout.toNanos() / 1000).append('\n');
            }
            message.append("WATCHDOG=1\n");
        }
        socket.send(message.toString());
        watchdogSent = timeout;
    }
}
