package org.jdaemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's name for {@code ${host}}, read from the kernel: InetAddress would ask DNS, which can hang. */
final class HostName {
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private HostName() {
    }

    static String read() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
