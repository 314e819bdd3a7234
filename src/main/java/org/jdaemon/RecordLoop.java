package org.jdaemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The worker: one thread that writes a record at every slot of the {@link Schedule} and wakes at once
 * for a reload or a stop, so neither waits for the rest of an interval.
 */
final class RecordLoop {
    private final LongSupplier ticker;
    private final Clock clock;
    private final RecordWriter writer;
    private final String host;
    private final long pid;
    private final OutageLog outages = new OutageLog(RecordLoop.class);
    private final SkipLog skips = new SkipLog(RecordLoop.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private Settings pending;
    private boolean stopping;

    private Thread thread;
    private volatile long written;

    /**
     * @param ticker monotonic nanoseconds ({@code System::nanoTime} in service) for the schedule
     * @param clock  wall clock, only for the {@code ${time}} of a record
     */
    RecordLoop(LongSupplier ticker, Clock clock, RecordWriter writer, String host, long pid) {
        this.ticker = ticker;
        this.clock = clock;
        this.writer = writer;
        this.host = host;
        this.pid = pid;
    }

    void start(Settings settings) {
        thread = new Thread(() -> run(settings), "jdaemon-records");
        // A write stuck in the kernel must not keep the JVM from exiting once stop() has given up on it.
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands new settings to the loop, which writes its next record with them at once. */
    void reload(Settings settings) {
        lock.lock();
        try {
            pending = settings;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the loop after the record being written, if any, is complete.
     *
     * @return false if the loop was still busy when the timeout ran out
     */
    boolean stop(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    long written() {
        return written;
    }

    /** Slots skipped since start; read after {@link #stop} has returned true. */
    long skipped() {
        return skips.total();
    }

    private void run(Settings initial) {
        Settings settings = initial;
        Schedule schedule = new Schedule(settings.interval(), ticker.getAsLong());
        while (true) {
            lock.lock();
            try {
                long wait;
                while (!stopping && pending == null && (wait = schedule.next() - ticker.getAsLong()) > 0) {
                    wake.awaitNanos(wait);
                }
                if (stopping) {
                    return;
                }
                if (pending != null) {
                    settings = pending;
                    pending = null;
                    schedule = new Schedule(settings.interval(), ticker.getAsLong());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            long started = ticker.getAsLong();
            write(settings);
            long now = ticker.getAsLong();
            long skipped = schedule.advance(started, now);
            if (skipped > 0) {
                skips.skipped(skipped, now);
            }
        }
    }

    private void write(Settings settings) {
        long seq = written + 1;
        String text = settings.message().render(new MessageTemplate.Values(seq, clock.instant(), host, pid));
        byte[] record = (text + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            writer.append(settings.output(), record, settings.fsync());
            written = seq;
            outages.succeeded(settings.output());
        } catch (IOException e) {
            outages.failed(settings.output(), e);
        }
    }
}
