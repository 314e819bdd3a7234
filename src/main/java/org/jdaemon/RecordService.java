package org.jdaemon;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * jdaemon's lifecycle without jsvc: load the settings, run the record loop, reload, stop. Both the jsvc
 * {@link JDaemon} and the development {@link Foreground} drive this one class.
 */
final class RecordService {
    /** jsvc waits for stop() before it exits: long enough for a slow disk, short enough for an admin. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path config;
    private final Answers answers;
    private final StatusReporter reporter;
    private final RecordLoop loop;
    private volatile Settings settings;

    /**
     * Looked up when there is something to say, never in a static field: log4j2 takes a few hundred
     * milliseconds to start, and the first record need not wait for it (see {@link Logs}).
     */
    private static Logger log() {
        return Logs.get(RecordService.class);
    }

    private RecordService(Path config, Answers answers, List<StatusSink> supervisors) {
        this.config = config;
        this.answers = answers;
        this.reporter = new StatusReporter(supervisors);
        this.loop = new RecordLoop(System::nanoTime, Clock.systemUTC(), new RecordWriter(), reporter,
                HostName.read(), ProcessHandle.current().pid());
    }

    /**
     * Reads the command line and the configuration; nothing runs yet. A refusal is reported the same
     * way under jsvc and in the foreground: one line on stderr (which the init script and systemd
     * show), in the start's answer and in the log, which is then shut down, since nothing more will run.
     *
     * @throws SettingsException with that line, less its "jdaemon: " prefix
     */
    static RecordService init(String[] args) throws SettingsException {
        Answers answers = Answers.in(System.getProperty(Answers.DIRECTORY_PROPERTY), ProcessHandle.current().pid());
        try {
            Path config = LaunchArguments.parse(args).config();
            RecordService service = new RecordService(config, answers,
                    Supervisors.of(System.getenv(), properties()));
            service.load();
            return service;
        } catch (SettingsException | IllegalArgumentException e) {
            String line = "jdaemon: " + e.getMessage();
            System.err.println(line);
            answers.startRefused(line);
            LogManager.shutdown();
            throw e instanceof SettingsException refused ? refused : new SettingsException(e.getMessage());
        }
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        for (String name : List.of(Supervisors.STATUS_FILE_PROPERTY, Supervisors.NOTIFY_LIBRARY_PROPERTY)) {
            String value = System.getProperty(name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        return properties;
    }

    private void load() throws SettingsException {
        try {
            settings = SettingsLoader.load(config);
        } catch (SettingsException e) {
            log().error("not starting: {}", e.getMessage());
            throw e;
        }
    }

    /**
     * Starts the record loop, whose first record is due at once, and declares the service ready; only
     * then log4j2 starts, and logs that jdaemon started, so that its few hundred milliseconds of
     * start-up (-Xint) take no CPU from the way to a running service. Not in init(): jsvc drops the
     * JVM's capabilities before start(), and a thread keeps those it was created with.
     */
    void start() {
        String started = "started as user " + System.getProperty("user.name") + ", pid "
                + ProcessHandle.current().pid() + ", with " + settings.describe();
        Logs.hold(RecordService.class, started);
        loop.start(settings);
        loop.ready(Logs::start);
    }

    /**
     * Applies an edited configuration in the running JVM, or keeps the running one if the file is bad,
     * and answers last, with nothing left to wait for: jsvc 1.0.15 calls this from its main thread and
     * takes a signal that arrives before it is back in its sleep only after that sleep, 60 s later. So
     * the log, which may still be starting, gets its line when it can.
     */
    void reload() {
        String refusal = null;
        try {
            Settings next = SettingsLoader.load(config);
            if (next.equals(settings)) {
                Logs.later(RecordService.class, log -> log.info("reloaded {}: no change", config));
            } else {
                settings = next;
                loop.reload(next);
                Logs.later(RecordService.class, log -> log.info("reloaded {}: now {}", config, next.describe()));
            }
        } catch (SettingsException e) {
            refusal = "jdaemon: " + e.getMessage();
            Logs.later(RecordService.class,
                    log -> log.error("reload refused, the running settings stay: {}", e.getMessage()));
        }
        answers.reloaded(refusal);
    }

    /**
     * A write blocked in the kernel is not waited for beyond {@link #STOP_TIMEOUT}: the stop says so in
     * its answer and on stderr (the journal under systemd) before the log, which may sit on the same
     * blocked disk.
     */
    void stop() {
        log().info("stopping");
        try {
            if (loop.stop(STOP_TIMEOUT)) {
                log().info("stopped after {} record(s), {} slot(s) skipped", loop.written(), loop.skipped());
            } else {
                String gaveUp = "stopped without waiting any longer for a write to " + settings.output()
                        + " that has been blocked for over " + STOP_TIMEOUT.toSeconds() + " s";
                answers.stopGaveUp("jdaemon: " + gaveUp);
                System.err.println("jdaemon: " + gaveUp);
                log().warn(gaveUp);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log().warn("interrupted while stopping");
        }
        reporter.stopped();
    }
}
