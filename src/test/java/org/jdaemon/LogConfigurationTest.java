package org.jdaemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogConfigurationTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("log4j2.xml");
        Files.writeString(file, text, UTF_8);
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
    void runPrintsTheOneLineAndExitsWithTheRefusedStatus() throws Exception {
        Path file = file("<html/>\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LogConfiguration.run(new String[] {file.toString()}, new PrintStream(err, true, UTF_8));
        assertEquals(LogConfiguration.REFUSED, status);
        assertEquals("jdaemon: " + file + ": root element is <html>, not log4j2's <Configuration>\n",
                err.toString(UTF_8));
    }

    @Test
    void runAcceptsAGoodFileSilently() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LogConfiguration.run(new String[] {"etc/jdaemon/log4j2.xml"}, new PrintStream(err, true, UTF_8));
        assertEquals(0, status);
        assertEquals("", err.toString(UTF_8));
    }
}
