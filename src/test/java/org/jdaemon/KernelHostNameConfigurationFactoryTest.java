package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.Test;

class KernelHostNameConfigurationFactoryTest {
    @Test
    void isTheFactoryLog4jIsToldToUse() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/log4j2.component.properties")) {
            properties.load(in);
        }
        assertEquals(KernelHostNameConfigurationFactory.class.getName(),
                properties.getProperty("log4j2.configurationFactory"));
    }

    @Test
    void setsTheKernelsHostNameBeforeLog4jWouldLookItUp() {
        ConfigurationSource source = ConfigurationSource.fromUri(Path.of("etc/jdaemon/log4j2.xml").toUri());
        Configuration configuration =
                new KernelHostNameConfigurationFactory().getConfiguration(new LoggerContext("test"), source);
        assertInstanceOf(XmlConfiguration.class, configuration);
        Map<String, String> properties = configuration.getComponent(Configuration.CONTEXT_PROPERTIES);
        assertEquals(HostName.read(), properties.get("hostName"));
    }
}
