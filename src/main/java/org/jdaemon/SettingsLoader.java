package org.jdaemon;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.configuration2.PropertiesConfiguration.PropertiesReader;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Reads {@code jdaemon.properties} and validates every key and value once, so that the rest of
 * jdaemon only ever sees a usable {@link Settings}.
 */
final class SettingsLoader {
    static final String OUTPUT_FILE = "output.file";
    static final String OUTPUT_INTERVAL = "output.interval";
    static final String OUTPUT_MESSAGE = "output.message";
    static final String OUTPUT_FSYNC = "output.fsync";
    static final String METRICS_FILE = "metrics.file";
    static final List<String> KEYS = List.of(OUTPUT_FILE, OUTPUT_INTERVAL, OUTPUT_MESSAGE, OUTPUT_FSYNC, METRICS_FILE);

    static final String DEFAULT_FILE = "/var/lib/jdaemon/test.txt";
    static final String DEFAULT_INTERVAL = "10s";
    static final String DEFAULT_MESSAGE = "hello";
    static final String DEFAULT_FSYNC = "false";
    /** node_exporter's textfile collector reads only the files of its directory whose names end so. */
    static final String METRICS_SUFFIX = ".prom";

    /** A properties file this large is not one an admin wrote. */
    private static final long MAX_FILE_SIZE = 1 << 20;

    private SettingsLoader() {
    }

    /** Reads and checks the file, including that the service user can write the output file. */
    static Settings load(Path file) throws SettingsException {
        Settings settings = parse(file);
        checkWritable(file.toString(), OUTPUT_FILE, settings.output());
        if (settings.metrics() != null) {
            checkWritable(file.toString(), METRICS_FILE, settings.metrics());
        }
        return settings;
    }

    /** Reads and checks the file's syntax and values, without looking at the output path. */
    static Settings parse(Path file) throws SettingsException {
        String name = file.toString();
        Map<String, String> properties = parse(name, read(name, file));
        Path output = parsed(name, OUTPUT_FILE, value(name, properties, OUTPUT_FILE, DEFAULT_FILE),
                SettingsLoader::outputPath);
        Duration interval = parsed(name, OUTPUT_INTERVAL,
                value(name, properties, OUTPUT_INTERVAL, DEFAULT_INTERVAL), IntervalSyntax::parse);
        MessageTemplate message = parsed(name, OUTPUT_MESSAGE,
                value(name, properties, OUTPUT_MESSAGE, DEFAULT_MESSAGE), MessageTemplate::compile);
        boolean fsync = parsed(name, OUTPUT_FSYNC, value(name, properties, OUTPUT_FSYNC, DEFAULT_FSYNC),
                SettingsLoader::flag);
        // Off by default, and off again when set to nothing: the one key whose empty value means something.
        String metricsValue = properties.getOrDefault(METRICS_FILE, "").strip();
        Path metrics = metricsValue.isEmpty() ? null
                : parsed(name, METRICS_FILE, metricsValue, SettingsLoader::metricsPath);
        return new Settings(file, output, interval, message, fsync, metrics);
    }

    /**
     * Readability is asked of the kernel as the service user (access(2)) before reading: init() runs
     * with jsvc's CAP_DAC_READ_SEARCH, which reads any file, a reload without it, and both must refuse
     * the same file.
     */
    private static String read(String name, Path file) throws SettingsException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw SettingsException.ofFile(name, "is a directory, not a properties file");
            }
            if (Files.exists(file) && !Files.isReadable(file)) {
                throw SettingsException.ofFile(name, "permission denied");
            }
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw SettingsException.ofFile(name, "larger than 1 MiB, not a properties file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw SettingsException.ofFile(name, "no such file");
        } catch (AccessDeniedException e) {
            throw SettingsException.ofFile(name, "permission denied");
        } catch (IOException e) {
            throw SettingsException.ofFile(name, "cannot be read: " + e.getMessage());
        }
        try {
            String text = strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
            checkNoControlCharacters(name, text);
            return text;
        } catch (CharacterCodingException e) {
            throw SettingsException.ofFile(name, "not valid UTF-8 text (line " + lineOfBadByte(bytes) + ")");
        }
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static int lineOfBadByte(byte[] bytes) {
        CharsetDecoder decoder = strictUtf8();
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    private static void checkNoControlCharacters(String name, String text) throws SettingsException {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\f') {
                throw SettingsException.ofFile(name, String.format(
                        "line %d: control character \\u%04x: binary data, not a properties file", line, (int) c));
            }
        }
    }

    /**
     * Reads every key and its raw value with configuration2's properties parser (escapes, line
     * continuations), and nothing more: no includes, no ${...} interpolation (the message's
     * placeholders are jdaemon's), no list splitting. Unknown and repeated keys are refused here, since
     * a misspelt key would otherwise be ignored without a word.
     */
    private static Map<String, String> parse(String name, String text) throws SettingsException {
        Map<String, String> properties = new LinkedHashMap<>();
        try (PropertiesReader reader = new PropertiesReader(new StringReader(text))) {
            while (reader.nextProperty()) {
                String key = reader.getPropertyName();
                if (!KEYS.contains(key)) {
                    throw SettingsException.ofKey(name, Printable.of(key), "unknown key" + nearestKnownKey(key)
                            + " (known keys: " + String.join(", ", KEYS) + ")");
                }
                if (properties.putIfAbsent(key, reader.getPropertyValue()) != null) {
                    throw SettingsException.ofKey(name, key, "set more than once");
                }
            }
        } catch (IOException e) {
            throw SettingsException.ofFile(name, "cannot be parsed: " + e.getMessage());
        }
        return properties;
    }

    private static String nearestKnownKey(String key) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String lower = key.toLowerCase(Locale.ROOT);
        String nearest = KEYS.stream()
                .min(Comparator.comparingInt(known -> distance.apply(known, lower)))
                .orElseThrow();
        return distance.apply(nearest, lower) <= 4 ? ", did you mean '" + nearest + "'?" : "";
    }

    private static String value(String name, Map<String, String> properties, String key, String fallback)
            throws SettingsException {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isEmpty()) {
            throw SettingsException.badValue(name, key, value, "empty (remove the line to get the default '"
                    + fallback + "')");
        }
        return value;
    }

    /**
     * Every value goes through its own parser, whose IllegalArgumentException says why the value is
     * refused; this turns it into the one line that names the file, the key and the value.
     */
    private static <T> T parsed(String name, String key, String value, Function<String, T> parser)
            throws SettingsException {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw SettingsException.badValue(name, key, value, e.getMessage());
        }
    }

    private static Path outputPath(String value) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getReason(), e);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute path");
        }
        if (path.getFileName() == null || !path.normalize().equals(path) || value.endsWith("/")) {
            throw new IllegalArgumentException("not a plain file path (no trailing '/', '.' or '..')");
        }
        return path;
    }

    private static Path metricsPath(String value) {
        Path path = outputPath(value);
        if (!path.getFileName().toString().endsWith(METRICS_SUFFIX)) {
            throw new IllegalArgumentException("must end in " + METRICS_SUFFIX
                    + " (node_exporter's textfile collector reads no other files)");
        }
        return path;
    }

    private static boolean flag(String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /**
     * Checked here, at the edge, so that a start or a reload refuses a file it could never write; the
     * record loop still copes with the file system changing later. The metrics file is replaced by a
     * rename, so its directory must be writable too.
     */
    private static void checkWritable(String name, String key, Path file) throws SettingsException {
        String value = file.toString();
        Path directory = file.getParent();
        String user = System.getProperty("user.name");
        if (Files.isSymbolicLink(file)) {
            throw SettingsException.badValue(name, key, value,
                    "is a symbolic link; jdaemon only writes to a regular file it opens itself");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw SettingsException.badValue(name, key, value, "exists and is not a regular file");
            }
            if (!Files.isWritable(file)) {
                throw SettingsException.badValue(name, key, value, "not writable by user " + user);
            }
        }
        if (!Files.isDirectory(directory)) {
            throw SettingsException.badValue(name, key, value, "directory " + directory + " does not exist");
        }
        if (key.equals(METRICS_FILE) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isWritable(directory)) {
                throw SettingsException.badValue(name, key, value,
                        "directory " + directory + " is not writable by user " + user);
            }
        }
    }
}
