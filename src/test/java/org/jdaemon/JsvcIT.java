package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jdaemon under the real /usr/bin/jsvc (Debian's 1.0.15), detached, as it runs in production. As root
 * the JVM runs as {@value #SERVICE_USER}, as the package runs it as _jdaemon. Every process started
 * here is stopped, by PID, after each test.
 */
class JsvcIT {
    private static final Path JSVC = Path.of("/usr/bin/jsvc");
    private static final Path COMMONS_DAEMON = Path.of("/usr/share/java/commons-daemon.jar");
    private static final String SERVICE_USER = "nobody";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private Path dir;
    private Path config;
    private Path pidfile;
    private Path errfile;
    private Path output;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void prepare() throws Exception {
        assertTrue(Files.isExecutable(JSVC), JSVC + " is missing: apt-get install jsvc");
        assertTrue(Files.isReadable(COMMONS_DAEMON), COMMONS_DAEMON + " is missing: apt-get install libcommons-daemon-java");
        // A directory the service user can reach even when the checkout sits under a closed home.
        dir = Files.createTempDirectory(Path.of("/tmp"), "jdaemon-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("jdaemon.dist")))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        Files.copy(Path.of(System.getProperty("jdaemon.etc"), "log4j2.xml"), dir.resolve("log4j2.xml"));
        Path data = Files.createDirectory(dir.resolve("data"));
        config = dir.resolve("jdaemon.properties");
        pidfile = dir.resolve("jdaemon.pid");
        errfile = dir.resolve("jdaemon.err");
        output = data.resolve("out.txt");
        if (ROOT) {
            run("chown", SERVICE_USER, data.toString());
        }
    }

    /** Also what a failed start left running: every process whose command line names this test's directory. */
    @AfterEach
    void cleanUp() throws Exception {
        String ours = dir.toString();
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().filter(line -> line.contains(ours)).isPresent())
                .forEach(started::add);
        for (ProcessHandle process : started) {
            process.destroyForcibly();
            process.onExit().get();
        }
        run("rm", "-rf", dir.toString());
    }

    private void writeConfig(String interval, String message) throws IOException {
        Files.writeString(config, "output.file = " + output + "\noutput.interval = " + interval
                + "\noutput.message = " + message + "\n");
    }

    private List<String> jsvc(String... extra) {
        List<String> command = new ArrayList<>(List.of(JSVC.toString(),
                "-home", System.getProperty("java.home"),
                "-pidfile", pidfile.toString(),
                "-outfile", dir.resolve("jdaemon.out").toString(),
                "-errfile", errfile.toString(),
                "-procname", "jdaemon-it"));
        if (ROOT) {
            command.addAll(List.of("-user", SERVICE_USER));
        }
        command.addAll(List.of(extra));
        command.addAll(List.of(
                "-cp", COMMONS_DAEMON + ":" + dir.resolve("lib/jdaemon.jar"),
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"),
                "-Djdaemon.log.dir=" + dir.resolve("data"),
                "-D" + Answers.DIRECTORY_PROPERTY + "=" + dir.resolve("data"),
                "org.jdaemon.JDaemon", "--config", config.toString()));
        return command;
    }

    /** Starts the daemon; returns the JVM (the pidfile's process) after its first record. */
    private ProcessHandle start() throws Exception {
        assertEquals(0, run(jsvc("-wait", "10").toArray(String[]::new)), "jsvc exit status; stderr: " + errors());
        ProcessHandle jvm = ProcessHandle.of(pidFromFile()).orElseThrow();
        started.add(jvm);
        jvm.parent().ifPresent(started::add);
        awaitTrue("a first record", () -> lines().size() >= 1);
        return jvm;
    }

    private long pidFromFile() throws IOException {
        String content = Files.readString(pidfile);
        assertTrue(content.matches("[0-9]+\n"), "pidfile holds '" + content + "'");
        return Long.parseLong(content.strip());
    }

    private List<String> lines() {
        try {
            return Files.exists(output) ? Files.readAllLines(output) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private String errors() throws IOException {
        return Files.exists(errfile) ? Files.readString(errfile) : "";
    }

    /** The JVM's answer to COMMAND, or "" while there is none. */
    private String answer(String command) {
        try {
            return Files.readString(dir.resolve("data").resolve(command)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(2);
        }
    }

    private static String procField(ProcessHandle process, String name) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst().orElseThrow();
    }

    /** Fields after the command name in /proc/PID/stat: index 0 is the state, 3 the session, 4 tty_nr. */
    private static String[] statFields(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    @Test
    void runsDetachedAsTheServiceUserAndWritesRecordsEveryInterval() throws Exception {
        writeConfig("100ms", "${seq} ${pid}");
        ProcessHandle jvm = start();
        awaitTrue("five records", () -> lines().size() >= 5);
        List<String> lines = lines();
        for (int i = 0; i < lines.size(); i++) {
            assertEquals((i + 1) + " " + jvm.pid(), lines.get(i));
        }
        String[] stat = statFields(jvm);
        assertNotEquals(String.valueOf(jvm.pid()), stat[3], "the JVM must not be a session leader");
        assertEquals("0", stat[4], "the JVM must have no controlling terminal");
        assertEquals(Path.of("/"), Files.readSymbolicLink(Path.of("/proc", String.valueOf(jvm.pid()), "cwd")));
        assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(Path.of("/proc", String.valueOf(jvm.pid()), "fd/0")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
        if (ROOT) {
            String uid = procField(jvm, "Uid").split("\\s+")[0];
            assertEquals(uid, String.valueOf(Files.getAttribute(output, "unix:uid")));
            assertNotEquals("0", uid, "the JVM must not run as root");
            assertEquals("0000000000000000", procField(jvm, "CapEff"), "the JVM must hold no capabilities");
        }
    }

    @Test
    void sigtermStopsItWithinTheBoundAndRemovesThePidfile() throws Exception {
        writeConfig("10s", "hello");
        ProcessHandle jvm = start();
        Optional<ProcessHandle> controller = jvm.parent();
        long begin = System.nanoTime();
        run("kill", "-TERM", String.valueOf(jvm.pid()));
        awaitTrue("the JVM to exit", () -> !jvm.isAlive());
        long stopMillis = (System.nanoTime() - begin) / 1_000_000;
        awaitTrue("the pidfile to go", () -> !Files.exists(pidfile));
        awaitTrue("the controller to exit", () -> controller.map(c -> !c.isAlive()).orElse(true));
        System.out.println("JsvcIT: SIGTERM to JVM exit: " + stopMillis + " ms");
        assertTrue(stopMillis < 1000, "stop took " + stopMillis + " ms, not < 1000 ms");
        assertEquals(List.of("hello"), lines());
        assertTrue(Files.readString(dir.resolve("data/jdaemon.log")).contains("stopped after 1 record(s)"));
    }

    @Test
    void jsvcStopStopsItAndRemovesThePidfile() throws Exception {
        writeConfig("10s", "hello");
        ProcessHandle jvm = start();
        assertEquals(0, run(jsvc("-stop").toArray(String[]::new)));
        assertFalse(jvm.isAlive());
        assertFalse(Files.exists(pidfile));
    }

    @Test
    void sigusr2ReloadsTheConfigurationInTheSameJvm() throws Exception {
        writeConfig("10s", "old ${seq}");
        ProcessHandle jvm = start();
        writeConfig("10s", "new ${seq}");
        run("kill", "-USR2", String.valueOf(jvm.pid()));
        awaitTrue("a record with the new message", () -> lines().contains("new 2"));
        assertEquals(jvm.pid(), pidFromFile());
        // As jdaemon-jsvc reload does: the JVM's answer first. jsvc 1.0.15 takes a signal that arrives
        // while it handles the one before only after its next sleep(60).
        awaitTrue("the answer to the reload", () -> answer("reload").equals(jvm.pid() + " 1 applied"));

        writeConfig("0s", "broken ${seq}");
        run("kill", "-USR2", String.valueOf(jvm.pid()));
        awaitTrue("the answer to the refused reload", () -> answer("reload").startsWith(jvm.pid() + " 2 refused jdaemon: "
                + config + ": output.interval: bad value '0s'"));
        assertTrue(jvm.isAlive());
        assertEquals(List.of("old 1", "new 2"), lines());
    }

    @Test
    void aBadConfigurationFailsTheStartWithOneLineAndLeavesNothing() throws Exception {
        writeConfig("0s", "hello");
        int status = run(jsvc("-wait", "10").toArray(String[]::new));
        assertNotEquals(0, status);
        List<String> ours = errors().lines().filter(line -> line.startsWith("jdaemon: ")).toList();
        assertEquals(List.of("jdaemon: " + config + ": output.interval: bad value '0s': must be a positive duration "
                + "(at least 1ms)"), ours);
        assertFalse(errors().contains("Exception"), errors());
        assertEquals(ours, List.of(answer("start")));
        assertFalse(Files.exists(pidfile));
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            List<Long> left = all.filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir.toString()))
                    .orElse(false)).map(ProcessHandle::pid).toList();
            assertEquals(List.of(), left, "processes left behind");
        }
    }

    /**
     * init() runs with jsvc's CAP_DAC_READ_SEARCH (as root, jsvc keeps it until init() returns): a
     * file the service user cannot read must still be refused, as a reload without it refuses it.
     */
    @Test
    void aConfigurationTheServiceUserCannotReadFailsTheStart() throws Exception {
        assumeTrue(ROOT, "needs root to run the JVM as another user");
        writeConfig("1s", "hello");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        assertNotEquals(0, run(jsvc("-wait", "10").toArray(String[]::new)));
        assertTrue(errors().contains("jdaemon: " + config + ": permission denied"), errors());
        assertFalse(Files.exists(pidfile));
    }
}
