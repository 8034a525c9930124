package dev.tarnish.internal.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tarnish.CrashCause;
import dev.tarnish.CrashReport;

/**
 * Why a worker died, from what it left: exit statuses, fixture fatal error logs of real crashes, and
 * the tails of its output.
 */
class CrashReportsTests {

    @TempDir
    Path folder;

    @Test
    void whenAFatalErrorLogNamesASignalShouldReportANativeCrashWithTheFrame() throws Exception {
        CrashReport report = build(134, fixture("segfault-jna.log"), List.of());
        assertThat(report.cause()).isEqualTo(CrashCause.NATIVE_CRASH);
        assertThat(report.signal()).isEqualTo("SIGSEGV");
        assertThat(report.fatalError()).startsWith("SIGSEGV (0xb) at pc=")
            .contains("problematic frame: C  [jna1234567890.tmp+0x14f3e]  Java_com_sun_jna_Native_getLong+0x1e");
    }

    @Test
    void whenTheJvmRanOutOfNativeMemoryShouldReportOutOfMemory() throws Exception {
        CrashReport report = build(134, fixture("native-out-of-memory.log"), List.of());
        assertThat(report.cause()).isEqualTo(CrashCause.OUT_OF_MEMORY);
        assertThat(report.fatalError()).startsWith("Out of Memory Error");
    }

    @Test
    void whenKilledWithoutALogShouldNameTheSignalFromTheExitStatus() {
        CrashReport report = build(137, missingLog(), List.of());
        assertThat(report.cause()).isEqualTo(CrashCause.SIGNAL);
        assertThat(report.signal()).isEqualTo("SIGKILL");
        assertThat(build(134, missingLog(), List.of()).signal()).isEqualTo("SIGABRT");
    }

    @Test
    void whenExitStatusThreeFollowsAnOutOfMemoryLineShouldTellItFromSystemExit() {
        CrashReport oom = build(3, missingLog(),
                List.of("noise", "Terminating due to java.lang.OutOfMemoryError: Java heap space"));
        assertThat(oom.cause()).isEqualTo(CrashCause.OUT_OF_MEMORY);
        assertThat(oom.detail()).isEqualTo("Terminating due to java.lang.OutOfMemoryError: Java heap space");
        CrashReport exit = build(3, missingLog(), List.of("noise"));
        assertThat(exit.cause()).isEqualTo(CrashCause.EXIT);
        assertThat(exit.signal()).isNull();
    }

    @Test
    void whenTheSupervisorKnowsTheCauseShouldKeepIt() {
        CrashReport report = CrashReports.build("test", 42, 137, missingLog(), List.of("tail"), List.of(),
                CrashCause.PROTOCOL_ERROR, "Unexpected HELLO");
        assertThat(report.cause()).isEqualTo(CrashCause.PROTOCOL_ERROR);
        assertThat(report.detail()).isEqualTo("Unexpected HELLO");
        assertThat(report.stderrTail()).containsExactly("tail");
    }

    private CrashReport build(int exitCode, Path fatalErrorFile, List<String> stderr) {
        return CrashReports.build("test", 42, exitCode, fatalErrorFile, stderr, List.of(), null, null);
    }

    private Path missingLog() {
        return this.folder.resolve("hs_err_pid42.log");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CrashReportsTests.class.getResource("/fatal-error-logs/" + name).toURI());
    }
}
