package org.jdaemon;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * jdaemon's loggers, and log4j2 started in a thread of its own once the service is ready: its few
 * hundred milliseconds of start-up (-Xint) neither hold up the first record or the start command nor
 * take CPU from them. From {@link #hold} on, every event waits for that start: log4j2 hands a second
 * thread the context it is still starting, whose default configuration would drop jdaemon's INFO
 * lines. The lifecycle's events ({@link #get}) wait by blocking, and start log4j2 themselves if it is
 * not on its way yet (a stop before ready); the record loop's ({@link #later}) are handed to the
 * starting thread, since the loop must never wait for a log.
 */
final class Logs {
    /** How jdaemon-jsvc, packaging/run-foreground and the tests name log4j2's configuration file. */
    static final String CONFIGURATION_PROPERTY = "log4j2.configurationFile";

    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static final List<Runnable> PENDING = new ArrayList<>();
    private static boolean held;
    private static Thread starter;
    private static Runnable first;
    private static PinnedFile configuration;

    private Logs() {
    }

    /**
     * Events wait from now on for {@link #start}, which logs LINE at INFO with SOURCE's logger. The
     * configuration file log4j2 will start with is read now, as the start command has just checked
     * it: an edit made meanwhile takes effect at the next start, and a file broken before a restart
     * (which refuses it) never reaches the JVM being replaced, whose log4j2 may not have started.
     * Only its bytes: log4j-core's first class (ConfigurationSource) reads log4j2's properties from
     * every source on the class path, some 60 ms (-Xint) that the first record need not wait for.
     */
    static synchronized void hold(Class<?> source, String line) {
        held = true;
        first = () -> LogManager.getLogger(source).info(line);
        configuration = pinned(System.getProperty(CONFIGURATION_PROPERTY));
    }

    /** The file named by LOCATION, in memory; null (log4j2 then looks itself) when there is none. */
    private static PinnedFile pinned(String location) {
        if (location == null) {
            return null;
        }
        File file = new File(location);
        try {
            return new PinnedFile(file, Files.readAllBytes(file.toPath()));
        } catch (IOException e) {
            return null;
        }
    }

    private record PinnedFile(File file, byte[] content) {
        ConfigurationSource source() {
            return new ConfigurationSource(new ByteArrayInputStream(content), file);
        }
    }

    /** Starts log4j2 in the background, unless it is on its way already or nothing holds it. */
    static synchronized void start() {
        if (!held || starter != null) {
            return;
        }
        starter = new Thread(() -> {
            try {
                if (configuration != null) {
                    Configurator.initialize(null, configuration.source());
                }
                first.run();
            } finally {
                synchronized (Logs.class) {
                    held = false;
                    PENDING.forEach(Runnable::run);
                    PENDING.clear();
                }
                STARTED.countDown();
            }
        }, "jdaemon-log-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** SOURCE's logger, once log4j2 has started. */
    static Logger get(Class<?> source) {
        synchronized (Logs.class) {
            if (!held) {
                return LogManager.getLogger(source);
            }
            start();
        }
        try {
            STARTED.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return LogManager.getLogger(source);
    }

    /** Logs EVENT with SOURCE's logger now, or, while log4j2 is held or starting, once it has started. */
    static void later(Class<?> source, Consumer<Logger> event) {
        synchronized (Logs.class) {
            if (held) {
                PENDING.add(() -> event.accept(LogManager.getLogger(source)));
                return;
            }
        }
        event.accept(LogManager.getLogger(source));
    }
}
