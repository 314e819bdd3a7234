package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.junit.jupiter.api.Test;

class LogsTest {
    /** log4j's own hook raced jdaemon's at a stop and could close the log before "stopping". */
    @Test
    void log4jHasNoShutdownHookOfItsOwn() {
        assertFalse(((Log4jContextFactory) LogManager.getFactory()).isShutdownHookEnabled());
    }
}
