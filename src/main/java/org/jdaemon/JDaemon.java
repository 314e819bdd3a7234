package org.jdaemon;

import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonInitException;
import org.apache.commons.daemon.DaemonUserSignal;
import org.apache.logging.log4j.LogManager;

/**
 * The class jsvc loads. It only adapts jsvc's calls to {@link RecordService}: jsvc has already forked,
 * left the terminal, written the pidfile and switched to the service user before {@link #init} runs.
 */
public final class JDaemon implements Daemon, DaemonUserSignal {
    private RecordService service;

    @Override
    public void init(DaemonContext context) throws DaemonInitException {
        try {
            service = RecordService.init(context.getArguments());
        } catch (SettingsException e) {
            // jsvc then exits non-zero without starting anything.
            throw new DaemonInitException(e.getMessage());
        }
    }

    @Override
    public void start() {
        service.start();
    }

    @Override
    public void stop() {
        service.stop();
    }

    @Override
    public void destroy() {
        LogManager.shutdown();
    }

    /** SIGUSR2, forwarded by jsvc: reload the configuration in this JVM. */
    @Override
    public void signal() {
        service.reload();
    }
}
