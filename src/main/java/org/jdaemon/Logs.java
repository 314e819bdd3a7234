package org.jdaemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * jdaemon's loggers, and log4j2 started in a thread of its own once the service is ready: its few
 * hundred milliseconds of start-up (-Xint) neither hold up the first record or the start command nor
 * take CPU from them. From {@link #hold} on, every event waits for that start: log4j2 hands a second
 * thread the context it is still starting, whose default configuration would drop the INFO lines
 * that stop and reload are judged by. The lifecycle's events ({@link #get}) wait by blocking, and
 * start log4j2 themselves if it is not on its way yet (a stop before ready); the record loop's
 * ({@link #later}) are handed to the starting thread, since the loop must never wait for a log.
 */
final class Logs {
    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static final List<Runnable> PENDING = new ArrayList<>();
    private static boolean held;
    private static Thread starter;
    private static Runnable first;

    private Logs() {
    }

    /** Events wait from now on for {@link #start}, which logs LINE at INFO with SOURCE's logger. */
    static synchronized void hold(Class<?> source, String line) {
        held = true;
        first = () -> LogManager.getLogger(source).info(line);
    }

    /** Starts log4j2 in the background, unless it is on its way already or nothing holds it. */
    static synchronized void start() {
        if (!held || starter != null) {
            return;
        }
        starter = new Thread(() -> {
            try {
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
