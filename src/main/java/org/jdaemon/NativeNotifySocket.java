package org.jdaemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends to systemd's notification socket, an AF_UNIX datagram socket that the JDK (17, 21) cannot
 * send to, through jdaemon's own two-function JNI library ({@code src/main/c/notify.c}): socket(2) and
 * sendto(2), nothing else. Loaded only under systemd. JNA would do the same at the cost of about 500
 * classes, 6 MiB of memory and 70 ms of start-up (measured with -Xint and class-data sharing).
 */
final class NativeNotifySocket implements NotifySocket {
    /** Where the Debian package installs the library; a system property names another. */
    static final Path LIBRARY = Path.of("/usr/lib/jdaemon/libjdaemon-notify.so");

    private final String address;
    private final byte[] addressBytes;

    /**
     * @param address {@code $NOTIFY_SOCKET}: a path, or {@code @name} in the abstract namespace
     * @throws IOException when the address is of another kind or the library cannot be loaded
     */
    NativeNotifySocket(String address, Path library) throws IOException {
        if (!address.startsWith("/") && !address.startsWith("@")) {
            throw new IOException("NOTIFY_SOCKET=" + Printable.of(address)
                    + ": not a socket path or an abstract socket name");
        }
        this.address = address;
        this.addressBytes = address.getBytes(StandardCharsets.UTF_8);
        try {
            System.load(library.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new IOException(library + ": cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(String message) throws IOException {
        send(addressBytes, message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return address;
    }

    /** Throws IOException with strerror(3)'s text when socket(2) or sendto(2) fails. */
    private static native void send(byte[] address, byte[] message) throws IOException;
}
