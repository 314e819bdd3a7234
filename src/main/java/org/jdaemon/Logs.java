package org.jdaemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * jdaemon's loggers, and log4j2 started in a thread of its own: it takes a few hundred milliseconds
 * under -Xint, which neither the first record nor the start command need wait for. log4j2 hands a
 * second thread the context it is still starting, whose default configuration would drop the INFO
 * lines that stop and reload are judged by: so every event waits for the start, the lifecycle's
 * ({@link #get}) by blocking, the record loop's ({@link #later}) by being handed to the starting
 * thread, since the loop must never wait for a log.
 */
final class Logs {
    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static final List<Runnable> PENDING = new ArrayList<>();
    private static boolean starting;

    private Logs() {
    }

    /** Starts log4j2 in the background; then FIRST is logged at INFO by SOURCE's logger. */
    static void startInBackground(Class<?> source, String first) {
        synchronized (Logs.class) {
            starting = true;
        }
        Thread thread = new Thread(() -> {
            try {
                LogManager.getLogger(source).info(first);
            } finally {
                synchronized (Logs.class) {
                    starting = false;
                    PENDING.forEach(Runnable::run);
                    PENDING.clear();
                }
                STARTED.countDown();
            }
        }, "jdaemon-log-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** SOURCE's logger, once log4j2 has started. */
    static Logger get(Class<?> source) {
        synchronized (Logs.class) {
            if (!starting) {
                return LogManager.getLogger(source);
            }
        }
        try {
            STARTED.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return LogManager.getLogger(source);
    }

    /** Logs EVENT with SOURCE's logger now, or, while log4j2 starts, as soon as it has. */
    static void later(Class<?> source, Consumer<Logger> event) {
        synchronized (Logs.class) {
            if (starting) {
                PENDING.add(() -> event.accept(LogManager.getLogger(source)));
                return;
            }
        }
        event.accept(LogManager.getLogger(source));
    }
}
