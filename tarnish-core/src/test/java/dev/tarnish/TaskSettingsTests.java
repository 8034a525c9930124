package dev.tarnish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Merging partial settings: the first source that sets a value wins, "none" is a value, and a bad
 * value is reported with its setting and source.
 */
class TaskSettingsTests {

    @Test
    void whenNothingIsSetShouldUseEveryBuiltInDefault() {
        TaskSettings settings = TaskSettings.merge(new PartialTaskSettings(), null);
        assertThat(settings).isEqualTo(TaskSettings.defaults());
        assertThat(settings.workers()).isEqualTo(TaskSetting.WORKERS.defaultValue());
        assertThat(settings.acquireTimeout()).isEqualTo(TaskSetting.ACQUIRE_TIMEOUT.defaultValue());
        assertThat(settings.maxQueuedCalls()).isNull();
    }

    @Test
    void whenSeveralSourcesSetAValueShouldTakeTheFirst() {
        PartialTaskSettings task = new PartialTaskSettings().workers(4);
        PartialTaskSettings annotation = new PartialTaskSettings().workers(3).callTimeout(Duration.ofSeconds(5));
        PartialTaskSettings defaults = new PartialTaskSettings().workers(2).callTimeout(Duration.ofSeconds(9))
            .standby(1);
        TaskSettings settings = TaskSettings.merge(task, annotation, defaults);
        assertThat(settings.workers()).isEqualTo(4);
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.standby()).isEqualTo(1);
    }

    @Test
    void whenAHigherSourceSetsNoneShouldOverrideALowerValue() {
        PartialTaskSettings task = new PartialTaskSettings().callTimeout(null).maxQueuedCalls(null);
        PartialTaskSettings defaults = new PartialTaskSettings().callTimeout(Duration.ofSeconds(9)).maxQueuedCalls(5);
        TaskSettings settings = TaskSettings.merge(task, defaults);
        assertThat(settings.callTimeout()).isNull();
        assertThat(settings.maxQueuedCalls()).isNull();
    }

    @Test
    void whenAValueIsBadShouldNameTheSettingAndItsSource() {
        PartialTaskSettings task = new PartialTaskSettings().workers(2);
        PartialTaskSettings defaults = new PartialTaskSettings().acquireTimeout(Duration.ofSeconds(-1));
        assertThatExceptionOfType(InvalidTaskSettingException.class)
            .isThrownBy(() -> TaskSettings.merge(task, defaults))
            .satisfies((ex) -> {
                assertThat(ex.getSetting()).isEqualTo(TaskSetting.ACQUIRE_TIMEOUT);
                assertThat(ex.getSource()).isSameAs(defaults);
                assertThat(ex.getValue()).isEqualTo(Duration.ofSeconds(-1));
                assertThat(ex.getReason()).isEqualTo("must not be negative");
            })
            .withMessage("acquireTimeout must not be negative, was PT-1S");
    }

    @Test
    void whenBuiltWithABadValueShouldNameTheSettingWithoutASource() {
        assertThatExceptionOfType(InvalidTaskSettingException.class)
            .isThrownBy(() -> TaskSettings.builder().maxQueuedCalls(-2).build())
            .satisfies((ex) -> {
                assertThat(ex.getSetting()).isEqualTo(TaskSetting.MAX_QUEUED_CALLS);
                assertThat(ex.getSource()).isNull();
            });
    }

    @Test
    void whenCopiedToABuilderShouldKeepEverySetting() {
        TaskSettings settings = TaskSettings.builder().workers(3).standby(2).maxQueuedCalls(7).leanJvm(false)
            .callTimeout(Duration.ofSeconds(4)).build();
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void shouldNameSettingsAsAccessorsAndAsConfigurationKeys() {
        assertThat(TaskSetting.MAX_CALLS_PER_WORKER.javaName()).isEqualTo("maxCallsPerWorker");
        assertThat(TaskSetting.MAX_CALLS_PER_WORKER.propertyName()).isEqualTo("max-calls-per-worker");
        assertThat(TaskSetting.JVM_ARGS.propertyName()).isEqualTo("jvm-args");
    }
}
