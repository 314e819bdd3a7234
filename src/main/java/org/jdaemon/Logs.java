package org.jdaemon;

import java.util.concurrent.CountDownLatch;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * jdaemon's loggers, and log4j2 started in a thread of its own: it takes a few hundred milliseconds
 * under -Xint, which neither the first record nor the start command need wait for. Every logger is
 * taken through {@link #get}, which waits for that start to end: log4j2 hands a second thread the
 * context it is still starting, whose default configuration would drop the INFO lines that stop and
 * reload are judged by.
 */
final class Logs {
    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static volatile boolean starting;

    private Logs() {
    }

    /** Starts log4j2 in the background; then FIRST is logged at INFO by SOURCE's logger. */
    static void startInBackground(Class<?> source, String first) {
        starting = true;
        Thread thread = new Thread(() -> {
            try {
                LogManager.getLogger(source).info(first);
            } finally {
                STARTED.countDown();
            }
        }, "jdaemon-log-start");
        thread.setDaemon(true);
        thread.start();
    }

    static Logger get(Class<?> source) {
        if (starting) {
            try {
                STARTED.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return LogManager.getLogger(source);
    }
}
