package org.jdaemon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects what one logger logs, as "LEVEL message" lines. */
final class CapturedLog extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;

    CapturedLog(Class<?> source) {
        super("captured-" + source.getSimpleName(), null, null, true, Property.EMPTY_ARRAY);
        start();
        logger = LoggerContext.getContext(false).getLogger(source.getName());
        // Adding an appender gives the logger a config of its own, at the parent's level: raise it after.
        logger.addAppender(this);
        logger.setLevel(Level.ALL);
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    long count(Level level) {
        return lines.stream().filter(line -> line.startsWith(level + " ")).count();
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
