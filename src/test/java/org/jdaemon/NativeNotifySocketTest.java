package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNI library, compiled here from src/main/c/notify.c with the machine's C compiler (the Debian
 * build compiles it in debian/rules). That a notification reaches systemd is tested by the package
 * tests under a real systemd; here, that the library loads and reports the kernel's errors.
 */
class NativeNotifySocketTest {
    @TempDir
    static Path dir;

    private static Path library;

    @BeforeAll
    static void compile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")), "no C compiler");
        Path javaHome = Path.of(System.getProperty("java.home"));
        library = dir.resolve("libjdaemon-notify.so");
        Process cc = new ProcessBuilder("/usr/bin/cc", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
                "-I" + javaHome.resolve("include"), "-I" + javaHome.resolve("include/linux"),
                "-o", library.toString(), "src/main/c/notify.c").inheritIO().start();
        assertEquals(0, cc.waitFor(), "cc failed");
    }

    @Test
    void sendingToNoSocketFailsWithTheKernelsReason() throws Exception {
        NativeNotifySocket socket = new NativeNotifySocket(dir.resolve("no-socket").toString(), library);
        assertEquals("sendto: No such file or directory",
                assertThrows(IOException.class, () -> socket.send("READY=1\n")).getMessage());
    }

    @Test
    void anAbstractNameIsTriedToo() throws Exception {
        NativeNotifySocket socket = new NativeNotifySocket("@jdaemon-test-no-such-socket", library);
        assertEquals("sendto: Connection refused",
                assertThrows(IOException.class, () -> socket.send("READY=1\n")).getMessage());
    }
}
