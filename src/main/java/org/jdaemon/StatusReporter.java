package org.jdaemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hands the record loop's figures to every {@link StatusSink}: the supervisor's (systemd, or the init
 * script's status file) and the metrics file that the settings name, switched when a reload names
 * another. Called by the loop's thread only (once start() is done, which makes the sinks ready, and
 * after every record), except {@link #stopped}. Nothing is published before ready. At most one update
 * every {@link #PERIOD}, and at once when something changes (the first record, an outage beginning or
 * ending, new settings): a short interval must not turn into as many file writes and messages. A sink
 * that fails is logged once per outage and tried again at the next update.
 */
final class StatusReporter {
    static final Duration PERIOD = Duration.ofMillis(500);

    private final List<Reported> supervisors = new ArrayList<>();
    private volatile Reported metrics;
    private Path metricsPath;
    private boolean started;
    private long lastNanos;
    private boolean lastFailing;
    private long lastWritten;
    private Settings lastSettings;

    StatusReporter(List<StatusSink> supervisors) {
        for (StatusSink sink : supervisors) {
            this.supervisors.add(new Reported(sink));
        }
    }

    /** The service is ready: every sink hears it, with the figures so far. */
    void ready(Settings settings, StatusSnapshot status, long nowNanos) {
        started = true;
        publish(settings, status, nowNanos);
    }

    /**
     * @param settings the settings the record was written with
     * @param status   the figures after it
     * @param nowNanos the loop's monotonic clock
     */
    void recorded(Settings settings, StatusSnapshot status, long nowNanos) {
        boolean changed = settings != lastSettings || status.failing() != lastFailing
                || lastWritten == 0 && status.written() > 0;
        if (started && (changed || nowNanos - lastNanos >= PERIOD.toNanos())) {
            publish(settings, status, nowNanos);
        }
    }

    private void publish(Settings settings, StatusSnapshot status, long nowNanos) {
        if (!Objects.equals(settings.metrics(), metricsPath)) {
            switchMetrics(settings.metrics());
        }
        for (Reported sink : supervisors) {
            sink.publish(status);
        }
        Reported current = metrics;
        if (current != null) {
            current.publish(status);
        }
        lastNanos = nowNanos;
        lastFailing = status.failing();
        lastWritten = status.written();
        lastSettings = settings;
    }

    /** After the loop has stopped, or given up waiting for it. */
    void stopped() {
        for (Reported sink : supervisors) {
            sink.stop();
        }
        Reported current = metrics;
        if (current != null) {
            current.stop();
        }
    }

    private void switchMetrics(Path path) {
        if (metrics != null) {
            metrics.stop();
        }
        metrics = path == null ? null : new Reported(TextfileExporter.at(path));
        metricsPath = path;
    }

    /** A sink with its own outage log; it is told it is ready until it has taken that in. */
    private static final class Reported {
        private final StatusSink sink;
        private final OutageLog outages = new OutageLog(StatusReporter.class, "status", "update(s)");
        private boolean ready;

        Reported(StatusSink sink) {
            this.sink = sink;
        }

        void publish(StatusSnapshot status) {
            try {
                if (ready) {
                    sink.update(status);
                } else {
                    sink.ready(status);
                    ready = true;
                }
                outages.succeeded(sink.target());
            } catch (IOException e) {
                outages.failed(sink.target(), e);
            }
        }

        void stop() {
            try {
                sink.stopped();
            } catch (IOException e) {
                outages.failed(sink.target(), e);
            }
        }
    }
}
