package org.jdaemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks log4j2's configuration file before log4j2 reads it. log4j2 answers a file it cannot parse
 * with a stack trace on stderr and then runs without jdaemon's log, which reload relies on; this
 * refuses it at start instead, with one line. Only what the JDK's own parser sees: a readable,
 * well-formed XML document whose root is log4j2's {@code Configuration}; log4j2 judges the rest.
 */
final class LogConfiguration {
    /** The system property through which jsvc's command line names the file. */
    static final String FILE_PROPERTY = "log4j2.configurationFile";

    private static final String ROOT = "Configuration";

    private LogConfiguration() {
    }

    /**
     * Checks the file the system property names, if it names one plain path; without it (the
     * foreground, tests), or for URLs and lists, log4j2 is left to find its configuration.
     */
    static void checkConfigured() throws SettingsException {
        String value = System.getProperty(FILE_PROPERTY);
        if (value != null && value.startsWith("/") && !value.contains(",")) {
            check(Path.of(value));
        }
    }

    static void check(Path file) throws SettingsException {
        String name = file.toString();
        RootElement root = new RootElement();
        // log4j2 reads the file in start(), after jsvc dropped the CAP_DAC_READ_SEARCH that init() runs
        // with: ask the kernel as the service user (access(2)), not by opening it.
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw SettingsException.ofFile(name, "permission denied");
        }
        try (InputStream in = Files.newInputStream(file)) {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            // A DOCTYPE naming a DTD elsewhere must not make the check read it.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            factory.newSAXParser().parse(source, root);
        } catch (NoSuchFileException e) {
            throw SettingsException.ofFile(name, "no such file");
        } catch (AccessDeniedException e) {
            throw SettingsException.ofFile(name, "permission denied");
        } catch (SAXParseException e) {
            throw SettingsException.ofFile(name, "line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": not well-formed XML: " + Printable.of(String.valueOf(e.getMessage())));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw SettingsException.ofFile(name, "cannot be read: " + Printable.of(String.valueOf(e.getMessage())));
        }
        if (!ROOT.equalsIgnoreCase(root.name)) {
            throw SettingsException.ofFile(name, "root element is <" + Printable.of(root.name) + ">, not log4j2's <"
                    + ROOT + ">");
        }
    }

    /** Remembers the document's root element; the parse itself checks well-formedness. */
    private static final class RootElement extends DefaultHandler {
        private String name;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (name == null) {
                name = qName;
            }
        }
    }
}
