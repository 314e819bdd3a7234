package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogConfigurationTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("log4j2.xml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String refusal(Path file) {
        return assertThrows(SettingsException.class, () -> LogConfiguration.check(file)).getMessage();
    }

    @Test
    void acceptsTheShippedFile() {
        assertDoesNotThrow(() -> LogConfiguration.check(Path.of("etc/jdaemon/log4j2.xml")));
    }

    @Test
    void namesTheLineAndColumnOfATruncatedFile() throws Exception {
        Path file = file("<?xml version=\"1.0\"?>\n<Configuration>\n  <Appenders>\n");
        assertEquals(file + ": line 4, column 1: not well-formed XML: "
                + "XML document structures must start and end within the same entity.", refusal(file));
    }

    @Test
    void refusesMismatchedTags() throws Exception {
        Path file = file("<Configuration>\n<Loggers></Appenders>\n</Configuration>\n");
        assertEquals(file + ": line 2, column 12: not well-formed XML: The element type \"Loggers\" must be "
                + "terminated by the matching end-tag \"</Loggers>\".", refusal(file));
    }

    @Test
    void refusesAnotherRootElement() throws Exception {
        Path file = file("<html><body/></html>\n");
        assertEquals(file + ": root element is <html>, not log4j2's <Configuration>", refusal(file));
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path file = file("");
        assertEquals(file + ": line 1, column 1: not well-formed XML: Premature end of file.", refusal(file));
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("missing.xml");
        assertEquals(file + ": no such file", refusal(file));
    }

    @Test
    void refusesADirectory() {
        assertEquals(dir + ": cannot be read: Is a directory", refusal(dir));
    }

    @Test
    void readsNoExternalDtd() throws Exception {
        Path file = file("<!DOCTYPE Configuration SYSTEM \"http://192.0.2.1/none.dtd\">\n<Configuration/>\n");
        assertDoesNotThrow(() -> LogConfiguration.check(file));
    }

    @Test
    void checksOnlyAPlainPathNamedByTheProperty() throws Exception {
        String before = System.getProperty(LogConfiguration.FILE_PROPERTY);
        try {
            System.setProperty(LogConfiguration.FILE_PROPERTY, "classpath:log4j2.xml");
            assertDoesNotThrow(LogConfiguration::checkConfigured);
            System.setProperty(LogConfiguration.FILE_PROPERTY, dir.resolve("missing.xml").toString());
            assertThrows(SettingsException.class, LogConfiguration::checkConfigured);
        } finally {
            if (before == null) {
                System.clearProperty(LogConfiguration.FILE_PROPERTY);
            } else {
                System.setProperty(LogConfiguration.FILE_PROPERTY, before);
            }
        }
    }
}
