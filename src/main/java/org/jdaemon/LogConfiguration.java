package org.jdaemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
 * Checks log4j2's configuration file, in a JVM of its own that jdaemon-jsvc starts as the service user
 * before jsvc whenever the file (or the JVM options) changed. log4j2 answers a file it cannot parse
 * with a stack trace on stderr and then runs without jdaemon's log; this refuses it with one line
 * instead. Only what the JDK's own parser sees: a readable, well-formed XML document whose root is
 * log4j2's {@code Configuration}; log4j2 judges the rest. Not in init(): the JDK's XML parser costs
 * 55 ms there (-Xint), before the first record.
 */
public final class LogConfiguration {
    /** The exit status of a refused file; any other failure is the JVM's own. */
    static final int REFUSED = 3;

    private static final String ROOT = "Configuration";

    private LogConfiguration() {
    }

    /** usage: LogConfiguration FILE; prints the one "jdaemon: ..." line and exits 3 when refused. */
    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: java org.jdaemon.LogConfiguration FILE");
            return 2;
        }
        try {
            check(Path.of(args[0]));
            return 0;
        } catch (SettingsException e) {
            err.println("jdaemon: " + e.getMessage());
            return REFUSED;
        }
    }

    static void check(Path file) throws SettingsException {
        String name = file.toString();
        RootElement root = new RootElement();
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
