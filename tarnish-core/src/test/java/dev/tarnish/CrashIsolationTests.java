package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import dev.tarnish.tasks.CrashingTask;

/**
 * Every way a worker JVM dies, for real, and the caller's JVM carries on with a new worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class CrashIsolationTests {

    private SupervisedProcess<CrashingTask> process;

    @BeforeAll
    void startPool() {
        this.process = Workers.crashing(Workers.testSettings().build());
    }

    @AfterAll
    void closePool() {
        this.process.close();
        Workers.awaitNoChildProcesses();
    }

    @Test
    void whenTaskReturnsShouldGetValue() {
        String value = this.process.call("echo:hello");
        assertThat(value).isEqualTo("hello");
    }

    @Test
    void whenTaskThrowsShouldCarryRemoteExceptionAndKeepWorker() {
        String pid = this.process.call("pid");
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> this.process.call("throw:bad input"));
        assertThat(failure.getTaskName()).isEqualTo("crashing");
        assertThat(failure.getWorkerPid()).hasValue(Long.parseLong(pid));
        assertThat(failure.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure.getRemoteMessage()).isEqualTo("boom: bad input");
        assertThat(failure.getRemoteStackTrace()).anySatisfy((frame) -> {
            assertThat(frame.getClassName()).isEqualTo(CrashingTask.class.getName());
            assertThat(frame.getMethodName()).isEqualTo("run");
        });
        assertThat(failure.getRemoteFailure().getCause()).isInstanceOf(RemoteFailure.class)
            .hasMessage("root cause");
        assertThat(((RemoteFailure) failure.getRemoteFailure().getCause()).getRemoteClassName())
            .isEqualTo("java.io.IOException");
        assertThat((String) this.process.call("pid")).isEqualTo(pid);
    }

    @Test
    void whenUnsafeSegfaultsShouldReportNativeCrashAndServeNextCall() {
        CrashReport report = crash("segfault-unsafe");
        assertThat(report.cause()).isEqualTo(CrashCause.NATIVE_CRASH);
        assertThat(report.signal()).isEqualTo("SIGSEGV");
        assertThat(report.fatalError()).contains("SIGSEGV").contains("problematic frame");
    }

    @Test
    void whenJnaSegfaultsShouldReportNativeCrashWithNativeFrame() {
        CrashReport report = crash("segfault-jna");
        assertThat(report.cause()).isEqualTo(CrashCause.NATIVE_CRASH);
        assertThat(report.signal()).isEqualTo("SIGSEGV");
        assertThat(report.fatalError()).contains("problematic frame").containsIgnoringCase("jna");
    }

    @Test
    void whenNativeCodeAbortsShouldReportSigabrt() {
        CrashReport report = crash("abort");
        assertThat(report.cause()).isEqualTo(CrashCause.SIGNAL);
        assertThat(report.signal()).isEqualTo("SIGABRT");
        assertThat(report.exitCode()).isEqualTo(134);
    }

    @Test
    void whenTaskCallsSystemExitShouldReportExitCode() {
        CrashReport report = crash("exit:7");
        assertThat(report.cause()).isEqualTo(CrashCause.EXIT);
        assertThat(report.exitCode()).isEqualTo(7);
        assertThat(report.signal()).isNull();
    }

    @Test
    void whenTaskHaltsShouldReportExitCode() {
        CrashReport report = crash("halt:9");
        assertThat(report.cause()).isEqualTo(CrashCause.EXIT);
        assertThat(report.exitCode()).isEqualTo(9);
    }

    @Test
    void whenTaskRunsOutOfMemoryShouldReportOutOfMemoryError() {
        CrashReport report = crash("oom");
        assertThat(report.cause()).isEqualTo(CrashCause.OUT_OF_MEMORY);
        assertThat(report.detail()).contains("OutOfMemoryError");
        assertThat(report.exitCode()).isEqualTo(3);
    }

    @Test
    void whenWorkerIsKilledFromOutsideDuringCallShouldReportSigkill() throws Exception {
        Workers.awaitIdle(this.process, 1);
        long pid = this.process.status().workers().get(0).pid();
        var call = this.process.<String>callAsync("sleep:60000");
        org.awaitility.Awaitility.await().until(() -> this.process.status().countWorkers(WorkerState.BUSY) == 1);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                () -> call.get()).getCause();
        assertThat(failure).isInstanceOf(WorkerCrashedException.class);
        CrashReport report = ((WorkerCrashedException) failure).getReport();
        assertThat(report.cause()).isEqualTo(CrashCause.SIGNAL);
        assertThat(report.signal()).isEqualTo("SIGKILL");
        assertThat(report.pid()).isEqualTo(pid);
        assertThat((String) this.process.call("pid")).isNotEqualTo(Long.toString(pid));
    }

    @Test
    void whenIdleWorkerIsKilledShouldReplaceItAndCountTheCrash() {
        Workers.awaitIdle(this.process, 1);
        long crashesBefore = this.process.status().crashes();
        long pid = this.process.status().workers().get(0).pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> this.process.status().crashes() > crashesBefore);
        assertThat(this.process.status().lastCrash().pid()).isEqualTo(pid);
        assertThat((String) this.process.call("pid")).isNotEqualTo(Long.toString(pid));
    }

    @Test
    void whenTaskWritesGarbageToStdoutShouldKeepCallsIntact() {
        for (int i = 0; i < 5; i++) {
            String value = this.process.call("stdout-garbage:" + i);
            assertThat(value).isEqualTo("clean:" + i);
        }
        assertThat((String) this.process.call("echo:after")).isEqualTo("after");
    }

    @Test
    void whenWorkerCrashesShouldKeepStderrTailInReport() {
        this.process.call("stderr:last words before the crash");
        CrashReport report = crash("exit:5");
        assertThat(report.stderrTail()).contains("last words before the crash");
        assertThat(report.describe()).contains("last words before the crash");
    }

    @Test
    void whenWrongInputTypeShouldFailInCallerBeforeSending() {
        long callsBefore = this.process.status().calls();
        assertThatThrownBy(() -> this.process.call(42)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("crashing").hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> this.process.call(null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not null");
        assertThat(this.process.status().calls()).isEqualTo(callsBefore);
    }

    private CrashReport crash(String command) {
        String pidBefore = this.process.call("pid");
        WorkerCrashedException crash = catchThrowableOfType(WorkerCrashedException.class,
                () -> this.process.call(command));
        assertThat(crash).as("a crash from " + command).isNotNull();
        CrashReport report = crash.getReport();
        assertThat(report.taskName()).isEqualTo("crashing");
        assertThat(report.pid()).isEqualTo(Long.parseLong(pidBefore));
        assertThat(crash.getWorkerPid()).hasValue(Long.parseLong(pidBefore));
        assertThat(crash).hasMessageContaining("crashing").hasMessageContaining(pidBefore);
        assertThat(this.process.status().lastCrash()).isEqualTo(report);
        String pidAfter = this.process.call("pid");
        assertThat(pidAfter).isNotEqualTo(pidBefore);
        assertThat(Workers.isAlive(Long.parseLong(pidBefore))).isFalse();
        return report;
    }
}
