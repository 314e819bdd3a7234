package org.jdaemon;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The JVM's answers to the commands that control it, in a directory of their own that jdaemon-jsvc
 * names ({@code -Djdaemon.answers.dir=}): one file per command, one line, replaced whole. The commands
 * judge start, reload and stop by these, never by the log, whose level, appenders and file are the
 * admin's to edit.
 * <ul>
 * <li>{@code start}: why init() refused the configuration; jsvc's exit status says only that it did.</li>
 * <li>{@code reload}: {@code PID N applied} or {@code PID N refused jdaemon: ...}, for this JVM's Nth
 * reload, so that a command that read the answer before its signal knows the next one is its own.</li>
 * <li>{@code stop}: a stop that gave up waiting for a write blocked in the kernel.</li>
 * </ul>
 * Nobody asks in the foreground: then nothing is written. An answer that cannot be written leaves its
 * command without one, which says so after its wait; the JVM says why on stderr.
 */
final class Answers {
    static final String DIRECTORY_PROPERTY = "jdaemon.answers.dir";

    private final Path directory;
    private final long pid;
    private long reloads;

    private Answers(Path directory, long pid) {
        this.directory = directory;
        this.pid = pid;
    }

    /** @param directory where to answer, or null when nobody asks */
    static Answers in(String directory, long pid) {
        return new Answers(directory == null ? null : Path.of(directory), pid);
    }

    void startRefused(String line) {
        write("start", line);
    }

    /** @param refusal the one "jdaemon: ..." line, or null when the file was applied */
    synchronized void reloaded(String refusal) {
        reloads++;
        write("reload", pid + " " + reloads + (refusal == null ? " applied" : " refused " + refusal));
    }

    void stopGaveUp(String line) {
        write("stop", line);
    }

    private void write(String command, String line) {
        if (directory == null) {
            return;
        }
        try {
            new AtomicFile(directory.resolve(command), "rw-r--r--").replace(line + "\n");
        } catch (IOException e) {
            System.err.println("jdaemon: cannot answer the command: " + Printable.of(String.valueOf(e.getMessage())));
        }
    }
}
