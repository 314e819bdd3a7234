package org.jdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersTest {
    @TempDir
    Path dir;

    @Test
    void eachReloadIsNumberedSoThatACommandKnowsItsOwnAnswer() throws Exception {
        Answers answers = Answers.in(dir.toString(), 4321);
        answers.reloaded(null);
        assertEquals(List.of("4321 1 applied"), Files.readAllLines(dir.resolve("reload")));
        answers.reloaded("jdaemon: /etc/jdaemon/jdaemon.properties: output.interval: bad value '0s': no");
        assertEquals(List.of("4321 2 refused jdaemon: /etc/jdaemon/jdaemon.properties: output.interval: bad value '0s': no"),
                Files.readAllLines(dir.resolve("reload")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("reload"))));
    }

    @Test
    void startAndStopAnswerTheirLine() throws Exception {
        Answers answers = Answers.in(dir.toString(), 1);
        answers.startRefused("jdaemon: why not");
        answers.stopGaveUp("jdaemon: gave up");
        assertEquals(List.of("jdaemon: why not"), Files.readAllLines(dir.resolve("start")));
        assertEquals(List.of("jdaemon: gave up"), Files.readAllLines(dir.resolve("stop")));
        try (var names = Files.list(dir)) {
            assertEquals(2, names.count());
        }
    }

    @Test
    void anAnswerThatCannotBeWrittenLeavesTheServiceRunning() {
        Answers answers = Answers.in(dir.resolve("missing").toString(), 1);
        answers.reloaded(null);
        answers.startRefused("jdaemon: x");
        answers.stopGaveUp("jdaemon: y");
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void nobodyAskingMeansNothingWritten() throws Exception {
        Answers answers = Answers.in(null, 1);
        answers.reloaded(null);
        answers.startRefused("jdaemon: x");
        answers.stopGaveUp("jdaemon: y");
        try (var names = Files.list(dir)) {
            assertEquals(0, names.count());
        }
    }
}
