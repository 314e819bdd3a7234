package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorsTest {
    @TempDir
    Path dir;

    @Test
    void nobodyInTheForeground() throws Exception {
        assertEquals(List.of(), Supervisors.of(Map.of(), Map.of()));
    }

    @Test
    void theInitScriptsStatusFile() throws Exception {
        List<StatusSink> sinks = Supervisors.of(Map.of(),
                Map.of(Supervisors.STATUS_FILE_PROPERTY, dir.resolve("status").toString()));
        assertEquals(dir.resolve("status").toString(), sinks.get(0).target());
    }

    @Test
    void aStatusFileInAMissingDirectoryFailsTheStart() {
        Path missing = dir.resolve("state");
        String message = assertThrows(SettingsException.class, () -> Supervisors.of(Map.of(),
                Map.of(Supervisors.STATUS_FILE_PROPERTY, missing.resolve("status").toString()))).getMessage();
        assertTrue(message.startsWith(missing + ": missing or not writable by user"), message);
    }

    @Test
    void aNotifySocketOfAnotherKindFailsTheStart() {
        String message = assertThrows(SettingsException.class,
                () -> Supervisors.of(Map.of("NOTIFY_SOCKET", "vsock:2:1234"), Map.of())).getMessage();
        assertEquals("cannot notify systemd: NOTIFY_SOCKET=vsock:2:1234: not a socket path or an abstract socket name",
                message);
    }

    @Test
    void aMissingLibraryFailsTheStart() {
        Path library = dir.resolve("libjdaemon-notify.so");
        String message = assertThrows(SettingsException.class, () -> Supervisors.of(
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify"),
                Map.of(Supervisors.NOTIFY_LIBRARY_PROPERTY, library.toString()))).getMessage();
        assertTrue(message.startsWith("cannot notify systemd: " + library + ": cannot be loaded"), message);
    }
}
