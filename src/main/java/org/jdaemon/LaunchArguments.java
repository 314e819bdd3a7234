package org.jdaemon;

import java.nio.file.Path;

/** The command line after the class name, the same under jsvc and in the foreground. */
record LaunchArguments(Path config) {
    static final Path DEFAULT_CONFIG = Path.of("/etc/jdaemon/jdaemon.properties");
    static final String USAGE = "usage: jdaemon [--config FILE]";

    /**
     * @throws IllegalArgumentException with a one-line reason that includes the usage
     */
    static LaunchArguments parse(String[] args) {
        Path config = DEFAULT_CONFIG;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                config = Path.of(args[i].substring("--config=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument '" + Printable.of(args[i]) + "' (" + USAGE + ")");
            }
        }
        return new LaunchArguments(config);
    }
}
