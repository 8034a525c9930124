package dev.tarnish.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.tarnish.TaskSettings;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

/**
 * Precedence: task property, then annotation, then {@code tarnish.defaults}, then built-in.
 */
class TaskSettingsResolverTests {

    private final TarnishProperties properties = new TarnishProperties();

    @Test
    void whenNothingIsSetShouldUseBuiltInDefaults() {
        assertThat(resolve(-1, "")).isEqualTo(TaskSettings.defaults());
    }

    @Test
    void whenEverySourceSetsAValueTaskPropertyShouldWin() {
        this.properties.getDefaults().setWorkers(2);
        task().setWorkers(4);
        assertThat(resolve(3, "").workers()).isEqualTo(4);
    }

    @Test
    void whenNoTaskPropertyAnnotationShouldWinOverDefaults() {
        this.properties.getDefaults().setWorkers(2);
        this.properties.getDefaults().setCallTimeout(Duration.ofSeconds(9));
        TaskSettings settings = resolve(3, "5s");
        assertThat(settings.workers()).isEqualTo(3);
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void whenOnlyDefaultsAreSetDefaultsShouldApply() {
        this.properties.getDefaults().setJvmArgs(List.of("-Xmx64m"));
        this.properties.getDefaults().setMaxFrameSize(DataSize.ofMegabytes(1));
        this.properties.getDefaults().setCrashLoopThreshold(2);
        TaskSettings settings = resolve(-1, "");
        assertThat(settings.jvmArgs()).containsExactly("-Xmx64m");
        assertThat(settings.maxFrameSize()).isEqualTo(1024 * 1024);
        assertThat(settings.crashLoopThreshold()).isEqualTo(2);
    }

    @Test
    void whenEverySettingIsSetOnTheTaskShouldUseThem() {
        TarnishProperties.Settings task = task();
        task.setWorkers(3);
        task.setCallTimeout(Duration.ofSeconds(1));
        task.setShutdownTimeout(Duration.ofSeconds(2));
        task.setMaxCallsPerWorker(100);
        task.setJvmArgs(List.of("-Xss1m"));
        task.setStartupTimeout(Duration.ofSeconds(3));
        task.setAcquireTimeout(Duration.ofSeconds(4));
        task.setMaxFrameSize(DataSize.ofKilobytes(2));
        task.setRestartBackoff(Duration.ofMillis(5));
        task.setMaxRestartBackoff(Duration.ofSeconds(6));
        task.setCrashLoopThreshold(7);
        task.setStandby(1);
        task.setLeanJvm(false);
        task.setClassDataSharing(false);
        task.setMaxQueuedCalls(8);
        task.setRetries(2);
        task.setRetryOnTimeout(true);
        task.setPoisonThreshold(4);
        task.setPoisonTtl(Duration.ofMinutes(9));
        task.setCommandPrefix(List.of("nice", "-n", "5"));
        task.setHealthCheckInterval(Duration.ofSeconds(11));
        task.setMaxWorkerMemory(DataSize.ofMegabytes(512));
        assertThat(resolve(1, "9s")).isEqualTo(new TaskSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(2), 100,
                List.of("-Xss1m"), Duration.ofSeconds(3), Duration.ofSeconds(4), 2048, Duration.ofMillis(5),
                Duration.ofSeconds(6), 7, 1, false, false, 8, 2, true, 4, Duration.ofMinutes(9),
                List.of("nice", "-n", "5"), Duration.ofSeconds(11), 512L << 20));
    }

    @Test
    void whenAValueIsBadShouldNameTheKeyItCameFrom() {
        this.properties.getDefaults().setAcquireTimeout(Duration.ofSeconds(-1));
        assertThatExceptionOfType(InvalidTarnishPropertyException.class)
            .isThrownBy(() -> new TaskSettingsResolver(this.properties))
            .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("tarnish.defaults.acquire-timeout"));
    }

    @Test
    void whenAnnotationValueIsBadShouldNameTheAnnotation() {
        assertThatExceptionOfType(InvalidTarnishPropertyException.class).isThrownBy(() -> resolve(-1, "-3s"))
            .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("@TarnishTask(callTimeout) on com.example.Pdf"));
    }

    @Test
    void whenATaskValueIsBadShouldNameItsKeyValueAndReason() {
        this.properties.getDefaults().setMaxQueuedCalls(10);
        task().setMaxQueuedCalls(-1);
        assertThatExceptionOfType(InvalidTarnishPropertyException.class).isThrownBy(() -> resolve(-1, ""))
            .satisfies((ex) -> {
                assertThat(ex.getKey()).isEqualTo("tarnish.tasks.pdf.max-queued-calls");
                assertThat(ex.getValue()).isEqualTo(-1);
            })
            .withMessage("Invalid value '-1' for 'tarnish.tasks.pdf.max-queued-calls': must not be negative");
    }

    @Test
    void whenFrameSizeIsTooSmallShouldNameTheKey() {
        task().setMaxFrameSize(DataSize.ofBytes(10));
        assertThatExceptionOfType(InvalidTarnishPropertyException.class).isThrownBy(() -> resolve(-1, ""))
            .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("tarnish.tasks.pdf.max-frame-size"));
    }

    @Test
    void whenTaskKeyNamesNoTaskShouldFail() {
        task();
        TaskSettingsResolver resolver = new TaskSettingsResolver(this.properties);
        assertThatExceptionOfType(InvalidTarnishPropertyException.class)
            .isThrownBy(() -> resolver.checkTaskNames(Set.of("render"), Set.of()))
            .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("tarnish.tasks.pdf"))
            .withMessageContaining("[render]");
    }

    @Test
    void whenALowerCaseKeyFitsSeveralTasksShouldFailNamingThem() {
        this.properties.getTasks().put("pdf", new TarnishProperties.Settings());
        TaskSettingsResolver resolver = new TaskSettingsResolver(this.properties);
        resolver.checkTaskNames(Set.of("Pdf", "render"), Set.of());
        assertThatExceptionOfType(InvalidTarnishPropertyException.class)
            .isThrownBy(() -> resolver.checkTaskNames(Set.of("pdf", "PDF"), Set.of()))
            .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("tarnish.tasks.pdf"))
            .withMessageContaining("[PDF, pdf]");
    }

    @Test
    void whenATaskIsSetUnderItsNameAndInLowerCaseTheLowerCaseValueShouldWinKeyByKey() {
        TarnishProperties.Settings written = new TarnishProperties.Settings();
        written.setWorkers(2);
        written.setRetries(1);
        TarnishProperties.Settings fromEnvironment = new TarnishProperties.Settings();
        fromEnvironment.setWorkers(5);
        this.properties.getTasks().put("myPdf", written);
        this.properties.getTasks().put("mypdf", fromEnvironment);
        TaskSettings settings = new TaskSettingsResolver(this.properties).resolve("myPdf", "com.example.Pdf", -1, "");
        assertThat(settings.workers()).isEqualTo(5);
        assertThat(settings.retries()).isEqualTo(1);
    }

    private TarnishProperties.Settings task() {
        return this.properties.getTasks().computeIfAbsent("pdf", (name) -> new TarnishProperties.Settings());
    }

    private TaskSettings resolve(int annotationWorkers, String annotationTimeout) {
        return new TaskSettingsResolver(this.properties).resolve("pdf", "com.example.Pdf", annotationWorkers,
                annotationTimeout);
    }
}
