package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceNotifierTest {
    private final List<String> sent = new ArrayList<>();
    private final NotifySocket socket = sent::add;

    private static StatusSnapshot status(Duration interval) {
        return StatusSnapshotTest.snapshot(interval, null, null);
    }

    @Test
    void readySetsTheWatchdogFromTheIntervalAndUpdatesFeedIt() throws Exception {
        ServiceNotifier notifier = new ServiceNotifier(socket, true);
        notifier.ready(status(Duration.ofSeconds(10)));
        notifier.update(status(Duration.ofSeconds(10)));
        notifier.update(status(Duration.ofMillis(250)));
        String line = "STATUS=" + status(Duration.ofSeconds(10)).describe() + "\n";
        assertEquals(List.of(
                "READY=1\n" + line + "WATCHDOG_USEC=23000000\nWATCHDOG=1\n",
                line + "WATCHDOG=1\n",
                line + "WATCHDOG_USEC=5000000\nWATCHDOG=1\n"), sent);
    }

    @Test
    void withoutAWatchdogOnlyReadinessAndStatus() throws Exception {
        ServiceNotifier notifier = new ServiceNotifier(socket, false);
        notifier.ready(status(Duration.ofSeconds(10)));
        notifier.update(status(Duration.ofSeconds(10)));
        String line = "STATUS=" + status(Duration.ofSeconds(10)).describe() + "\n";
        assertEquals(List.of("READY=1\n" + line, line), sent);
    }

    @Test
    void aFailedSendIsRetriedWithTheWatchdogTime() throws Exception {
        List<String> attempts = new ArrayList<>();
        ServiceNotifier notifier = new ServiceNotifier(message -> {
            attempts.add(message);
            if (attempts.size() == 1) {
                throw new java.io.IOException("sendto: Connection refused");
            }
        }, true);
        try {
            notifier.ready(status(Duration.ofSeconds(10)));
        } catch (java.io.IOException expected) {
            // The reporter logs it and tries again.
        }
        notifier.ready(status(Duration.ofSeconds(10)));
        assertEquals(attempts.get(0), attempts.get(1));
    }
}
