package org.jdaemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds out who started jdaemon and wants to hear from it: systemd, when it set {@code $NOTIFY_SOCKET}
 * (Type=notify), and the init script's start and status commands, when they name a status file
 * ({@code -Djdaemon.status.file=}; jdaemon-jsvc does under both init systems). Nobody, in the
 * foreground. Decided once, in init(), where a channel that cannot work fails the start at once,
 * instead of leaving the start command waiting for a readiness that never comes.
 */
final class Supervisors {
    static final String STATUS_FILE_PROPERTY = "jdaemon.status.file";
    static final String NOTIFY_LIBRARY_PROPERTY = "jdaemon.notify.library";

    private Supervisors() {
    }

    /**
     * @param environment the process environment ({@code System.getenv()})
     * @param properties  the system properties that name the status file and the notification library
     */
    static List<StatusSink> of(Map<String, String> environment, Map<String, String> properties)
            throws SettingsException {
        List<StatusSink> sinks = new ArrayList<>(2);
        String statusFile = properties.get(STATUS_FILE_PROPERTY);
        if (statusFile != null) {
            Path file = Path.of(statusFile);
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
                throw SettingsException.ofFile(directory.toString(), "missing or not writable by user "
                        + System.getProperty("user.name") + ": nowhere to publish the status");
            }
            sinks.add(StatusFile.at(file));
        }
        String notifySocket = environment.get("NOTIFY_SOCKET");
        if (notifySocket != null) {
            Path library = Path.of(properties.getOrDefault(NOTIFY_LIBRARY_PROPERTY,
                    NativeNotifySocket.LIBRARY.toString()));
            try {
                sinks.add(new ServiceNotifier(new NativeNotifySocket(notifySocket, library),
                        environment.containsKey("WATCHDOG_USEC")));
            } catch (IOException e) {
                throw new SettingsException("cannot notify systemd: " + e.getMessage());
            }
        }
        return sinks;
    }
}
