package org.jdaemon;

import java.util.Map;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;

/**
 * log4j2's XML configuration, with the host name already set to the kernel's. Otherwise log4j-core
 * resolves the machine's own name through DNS when it starts ({@code LoggerContext.setConfiguration}
 * fills its {@code hostName} property only if it is unset): where that name is not in /etc/hosts,
 * as on many cloud images, and the service has no network (jdaemon.service's PrivateNetwork=yes),
 * every start logs an error with a stack trace, and on a slow resolver waits for it. Named in
 * log4j2.component.properties, so that every way of starting jdaemon uses it.
 */
public final class KernelHostNameConfigurationFactory extends ConfigurationFactory {
    private static final String[] TYPES = {".xml"};

    @Override
    protected String[] getSupportedTypes() {
        return TYPES.clone();
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
        Configuration configuration = new XmlConfiguration(context, source);
        Map<String, String> properties = configuration.getComponent(Configuration.CONTEXT_PROPERTIES);
        properties.put("hostName", HostName.read());
        return configuration;
    }
}
