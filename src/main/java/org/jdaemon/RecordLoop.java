package org.jdaemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The worker: one thread that writes a record at every slot of the {@link Schedule} and wakes at once
 * for a reload or a stop, so neither waits for the rest of an interval. The same thread reports its
 * figures after every record ({@link StatusReporter}), so that they stop, and systemd's watchdog goes
 * unfed, when the loop is stuck.
 */
final class RecordLoop {
    private final LongSupplier ticker;
    private final Clock clock;
    private final RecordWriter writer;
    private final StatusReporter reporter;
    private final String host;
    private final long pid;
    private final OutageLog outages = new OutageLog(RecordLoop.class, "records", "record(s)");
    private final SkipLog skips = new SkipLog(RecordLoop.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private Settings pending;
    private Runnable announce;
    private boolean stopping;

    private Thread thread;
    private RecordTally tally;

    /**
     * @param ticker monotonic nanoseconds ({@code System::nanoTime} in service) for the schedule
     * @param clock  wall clock, for the {@code ${time}} of a record and the times in the figures
     */
    RecordLoop(LongSupplier ticker, Clock clock, RecordWriter writer, StatusReporter reporter, String host,
            long pid) {
        this.ticker = ticker;
        this.clock = clock;
        this.writer = writer;
        this.reporter = reporter;
        this.host = host;
        this.pid = pid;
    }

    void start(Settings settings) {
        tally = new RecordTally(pid, clock.instant());
        thread = new Thread(() -> run(settings), "jdaemon-records");
        // A write stuck in the kernel must not keep the JVM from exiting once stop() has given up on it.
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Has the loop tell its supervisor, at once, that the service is ready, and then run THEN: called
     * once start() is done, since jsvc answers signals (a reload's SIGUSR2, a stop's SIGTERM) only
     * from then on.
     */
    void ready(Runnable then) {
        lock.lock();
        try {
            announce = then;
            wake.signal();
        } finally {
            lock.unlock();
        }
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

    /** Records written since start; read after {@link #stop} has returned true. */
    long written() {
        return tally.written();
    }

    /** Slots skipped since start; read after {@link #stop} has returned true. */
    long skipped() {
        return tally.skipped();
    }

    private void run(Settings initial) {
        Settings settings = initial;
        Schedule schedule = new Schedule(settings.interval(), ticker.getAsLong());
        while (true) {
            Runnable announced;
            lock.lock();
            try {
                long wait;
                while (!stopping && pending == null && announce == null
                        && (wait = schedule.next() - ticker.getAsLong()) > 0) {
                    wake.awaitNanos(wait);
                }
                if (stopping) {
                    return;
                }
                announced = announce;
                announce = null;
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
            if (announced != null) {
                reporter.ready(settings, tally.snapshot(settings.interval()), ticker.getAsLong());
                announced.run();
                continue;
            }
            long started = ticker.getAsLong();
            write(settings);
            long now = ticker.getAsLong();
            long skipped = schedule.advance(started, now);
            if (skipped > 0) {
                skips.skipped(skipped, now);
                tally.skipped(skipped);
            }
            reporter.recorded(settings, tally.snapshot(settings.interval()), now);
        }
    }

    private void write(Settings settings) {
        Instant time = clock.instant();
        String text = settings.message().render(new MessageTemplate.Values(tally.written() + 1, time, host, pid));
        byte[] record = (text + "\n").getBytes(StandardCharsets.UTF_8);
        String output = settings.output().toString();
        try {
            writer.append(settings.output(), record, settings.fsync());
            tally.written(time);
            outages.succeeded(output);
        } catch (IOException e) {
            tally.failed(time, OutageLog.reason(e));
            outages.failed(output, e);
        }
    }
}
