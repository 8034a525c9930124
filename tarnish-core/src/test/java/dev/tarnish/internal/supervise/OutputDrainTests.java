package dev.tarnish.internal.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.tarnish.WorkerOutput;

/**
 * What a drain hands to the task's output and what it keeps for crash reports: every line to the
 * output, whole up to the drain's limit, and the tail cut as it always was, whatever the output does.
 */
class OutputDrainTests {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final WorkerOutput collecting = (taskName, pid, source, line) -> this.lines
        .add(taskName + " " + pid + " " + source + " " + line);

    @Test
    void whenWorkerPrintsShouldHandEachLineWithTaskPidAndSource() {
        OutputDrain drain = drain("first\r\nsecond\nlast without newline", this.collecting, WorkerOutput.Source.STDERR);
        assertThat(this.lines).containsExactly("pdf 42 STDERR first", "pdf 42 STDERR second",
                "pdf 42 STDERR last without newline");
        assertThat(drain.tail()).containsExactly("first", "second", "last without newline");
    }

    @Test
    void whenALineIsLongShouldHandItWholeAndKeepItInTheTailCutAsBefore() {
        String longLine = "x".repeat(20_000);
        OutputDrain drain = drain(longLine + "\nafter", (taskName, pid, source, line) -> this.lines.add(line),
                WorkerOutput.Source.STDOUT);
        assertThat(this.lines).containsExactly(longLine, "after");
        assertThat(drain.tail()).extracting(String::length).containsExactly(8192, 8192, 3616, 5);
    }

    @Test
    void whenALineHasNoEndShouldHandItInPieces() {
        OutputDrain drain = drain("y".repeat(300 * 1024), (taskName, pid, source, line) -> this.lines.add(line),
                WorkerOutput.Source.STDOUT);
        assertThat(this.lines).extracting(String::length).containsExactly(256 * 1024, 44 * 1024);
        assertThat(drain.tail()).hasSize(10).extracting(String::length).endsWith(8192, 4096);
    }

    @Test
    void whenTheOutputFailsShouldStillDrainAndKeepTheTail() {
        WorkerOutput failing = (taskName, pid, source, line) -> {
            if (line.equals("bad")) {
                throw new IllegalStateException("output broke");
            }
            this.lines.add(line);
        };
        OutputDrain drain = drain("good\nbad\nbad\nstill read", failing, WorkerOutput.Source.STDOUT);
        assertThat(this.lines).containsExactly("good", "still read");
        assertThat(drain.tail()).containsExactly("good", "bad", "bad", "still read");
    }

    private static OutputDrain drain(String text, WorkerOutput output, WorkerOutput.Source source) {
        OutputDrain drain = new OutputDrain(new ByteArrayInputStream(text.getBytes(Charset.defaultCharset())), output,
                "pdf", 42, source, 10, "test-drain");
        assertThat(drain.awaitEnd(Duration.ofSeconds(30))).isTrue();
        return drain;
    }
}
