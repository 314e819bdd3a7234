package org.jdaemon;

/**
 * A configuration that cannot be used. The message is one line that names the file, the key and the
 * bad value, so that an admin reading a terminal or a log knows what to edit.
 */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }

    static SettingsException badValue(String file, String key, String value, String reason) {
        return new SettingsException(file + ": " + key + ": bad value '" + Printable.of(value) + "': " + reason);
    }

    static SettingsException ofKey(String file, String key, String reason) {
        return new SettingsException(file + ": " + key + ": " + reason);
    }

    static SettingsException ofFile(String file, String reason) {
        return new SettingsException(file + ": " + reason);
    }
}
