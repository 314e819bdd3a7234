package org.jdaemon;

import java.util.concurrent.CountDownLatch;

import org.apache.logging.log4j.LogManager;

/**
 * Runs the same lifecycle as under jsvc, in the foreground of a terminal and without root, for
 * development: {@code java -jar jdaemon.jar --config FILE}; Ctrl-C stops it cleanly.
 */
public final class Foreground {
    private Foreground() {
    }

    public static void main(String[] args) throws InterruptedException {
        RecordService service;
        try {
            service = RecordService.init(args);
        } catch (SettingsException e) {
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.stop();
            LogManager.shutdown();
        }, "jdaemon-shutdown"));
        service.start();
        // The record thread is a daemon thread: keep the JVM up until Ctrl-C runs the hook.
        new CountDownLatch(1).await();
    }
}
