package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Path config(String text) throws IOException {
        Path file = dir.resolve("jdaemon.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void emptyFileGivesTheDocumentedDefaults() throws Exception {
        Settings settings = SettingsLoader.parse(config(""));
        assertEquals(Path.of("/var/lib/jdaemon/test.txt"), settings.output());
        assertEquals(Duration.ofSeconds(10), settings.interval());
        assertEquals("hello", settings.message().source());
        assertFalse(settings.fsync());
    }

    @Test
    void shippedFileIsValidAndAllCommentedOut() throws Exception {
        Path shipped = Path.of("etc/jdaemon/jdaemon.properties");
        assertEquals(SettingsLoader.parse(config("")).describe(), SettingsLoader.parse(shipped).describe());
    }

    @Test
    void readsEveryKey() throws Exception {
        Path out = dir.resolve("out.txt");
        Settings settings = SettingsLoader.load(config("""
                # a comment
                output.file = %s
                output.interval = 250ms
                output.message = ${seq} at ${time} on ${host}/${pid} costs $5
                output.fsync = true
                """.formatted(out)));
        assertEquals(out, settings.output());
        assertEquals(Duration.ofMillis(250), settings.interval());
        assertEquals("${seq} at ${time} on ${host}/${pid} costs $5", settings.message().source());
        assertTrue(settings.fsync());
    }

    @Test
    void trailingSpacesOfAnIntervalAreForgiven() throws Exception {
        assertEquals(Duration.ofMinutes(2), SettingsLoader.parse(config("output.interval = 2m  \n")).interval());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("output.interval = 0s", "output.interval: bad value '0s'"),
                Arguments.of("output.interval = -5s", "output.interval: bad value '-5s'"),
                Arguments.of("output.interval = 10x", "output.interval: bad value '10x'"),
                Arguments.of("output.interval = 1 0s", "output.interval: bad value '1 0s'"),
                Arguments.of("output.interval = 10 s", "output.interval: bad value '10 s'"),
                Arguments.of("output.interval = 2d", "output.interval: bad value '2d'"),
                Arguments.of("output.interval = 25h", "output.interval: bad value '25h'"),
                Arguments.of("output.interval = 99999999999999999999", "output.interval: bad value '99999999999999999999'"),
                Arguments.of("output.interval = 1.5s", "output.interval: bad value '1.5s'"),
                Arguments.of("output.interval =", "output.interval: bad value ''"),
                Arguments.of("output.file = relative/test.txt", "output.file: bad value 'relative/test.txt'"),
                Arguments.of("output.file = /var/lib/jdaemon/", "output.file: bad value '/var/lib/jdaemon/'"),
                Arguments.of("output.file = /var/lib/../lib/x", "output.file: bad value '/var/lib/../lib/x'"),
                Arguments.of("output.file = /", "output.file: bad value '/'"),
                Arguments.of("output.file = /tmp/a\\u0000b", "output.file: bad value '/tmp/a\\u0000b'"),
                Arguments.of("output.message = two\\nlines", "output.message: bad value 'two\\nlines'"),
                Arguments.of("output.message = ${nope}", "output.message: bad value '${nope}'"),
                Arguments.of("output.message = ${seq", "output.message: bad value '${seq'"),
                Arguments.of("output.message =", "output.message: bad value ''"),
                Arguments.of("output.fsync = yes", "output.fsync: bad value 'yes'"),
                Arguments.of("metrics.file = jdaemon.prom", "metrics.file: bad value 'jdaemon.prom'"),
                Arguments.of("metrics.file = /var/lib/jdaemon.txt", "metrics.file: bad value '/var/lib/jdaemon.txt': "
                        + "must end in .prom"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValueIsRefusedWithFileKeyAndValueOnOneLine(String line, String expected) throws Exception {
        Path file = config(line + "\n");
        String message = assertThrows(SettingsException.class, () -> SettingsLoader.parse(file)).getMessage();
        assertEquals(file + ": " + expected, message.substring(0, Math.min(message.length(),
                (file + ": " + expected).length())), message);
        assertOneLine(message);
    }

    @Test
    void unknownKeyNamesTheNearestKnownKey() throws Exception {
        Path file = config("output.intervall = 5s\n");
        String message = assertThrows(SettingsException.class, () -> SettingsLoader.parse(file)).getMessage();
        assertTrue(message.startsWith(file + ": output.intervall: unknown key, did you mean 'output.interval'?"),
                message);
    }

    @Test
    void includeIsAnUnknownKeyNotAnotherFile() throws Exception {
        Files.writeString(dir.resolve("other.properties"), "output.interval = 5s\n");
        Path file = config("include = other.properties\n");
        assertTrue(assertThrows(SettingsException.class, () -> SettingsLoader.parse(file)).getMessage()
                .startsWith(file + ": include: unknown key"));
    }

    @Test
    void duplicateKeyIsRefused() throws Exception {
        Path file = config("output.interval = 5s\noutput.interval = 6s\n");
        assertEquals(file + ": output.interval: set more than once",
                assertThrows(SettingsException.class, () -> SettingsLoader.parse(file)).getMessage());
    }

    @Test
    void missingFileIsRefused() {
        Path file = dir.resolve("absent.properties");
        assertEquals(file + ": no such file",
                assertThrows(SettingsException.class, () -> SettingsLoader.parse(file)).getMessage());
    }

    @Test
    void directoryIsRefused() {
        assertTrue(assertThrows(SettingsException.class, () -> SettingsLoader.parse(dir)).getMessage()
                .startsWith(dir + ": is a directory"));
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() throws Exception {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, "# ok\noutput.message = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(file + ": not valid UTF-8 text (line 2)",
                assertThrows(SettingsException.class, () -> SettingsLoader.parse(file)).getMessage());
    }

    @Test
    void binaryGarbageIsRefused() throws Exception {
        Path file = dir.resolve("garbage.properties");
        Files.write(file, new byte[] {0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00});
        String message = assertThrows(SettingsException.class, () -> SettingsLoader.parse(file)).getMessage();
        assertTrue(message.startsWith(file + ": line 1: control character"), message);
        assertOneLine(message);
    }

    @Test
    void outputInAMissingDirectoryIsRefusedAtLoad() throws Exception {
        Path out = dir.resolve("missing/test.txt");
        Path file = config("output.file = " + out + "\n");
        assertTrue(assertThrows(SettingsException.class, () -> SettingsLoader.load(file)).getMessage()
                .startsWith(file + ": output.file: bad value '" + out + "': directory " + out.getParent()
                        + " does not exist"));
    }

    @Test
    void outputThatIsADirectoryIsRefusedAtLoad() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Path file = config("output.file = " + dir.resolve("sub") + "\n");
        assertTrue(assertThrows(SettingsException.class, () -> SettingsLoader.load(file)).getMessage()
                .contains("output.file: bad value '" + dir.resolve("sub") + "': exists and is not a regular file"));
    }

    @Test
    void outputThatIsASymbolicLinkIsRefusedAtLoad() throws Exception {
        Path link = dir.resolve("link.txt");
        Files.createSymbolicLink(link, dir.resolve("target.txt"));
        Path file = config("output.file = " + link + "\n");
        assertTrue(assertThrows(SettingsException.class, () -> SettingsLoader.load(file)).getMessage()
                .contains("output.file: bad value '" + link + "': is a symbolic link"));
    }

    @Test
    void metricsAreOffByDefaultAndWhenEmpty() throws Exception {
        assertEquals(null, SettingsLoader.parse(config("")).metrics());
        assertEquals(null, SettingsLoader.parse(config("metrics.file =\n")).metrics());
    }

    @Test
    void metricsFileInAWritableDirectory() throws Exception {
        Path metrics = dir.resolve("jdaemon.prom");
        Settings settings = SettingsLoader.load(config("output.file = " + dir.resolve("out.txt")
                + "\nmetrics.file = " + metrics + "\n"));
        assertEquals(metrics, settings.metrics());
        assertTrue(settings.describe().endsWith(", metrics.file=" + metrics), settings.describe());
    }

    @Test
    void metricsFileInAMissingDirectoryIsRefusedAtLoad() throws Exception {
        Path metrics = dir.resolve("missing/jdaemon.prom");
        Path file = config("output.file = " + dir.resolve("out.txt") + "\nmetrics.file = " + metrics + "\n");
        assertEquals(file + ": metrics.file: bad value '" + metrics + "': directory " + metrics.getParent()
                + " does not exist", assertThrows(SettingsException.class, () -> SettingsLoader.load(file)).getMessage());
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), message);
    }
}
