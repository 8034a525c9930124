package dev.tarnish.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tarnish.Task;
import dev.tarnish.tasks.BytesTask;
import dev.tarnish.tasks.GenericsTask;
import dev.tarnish.tasks.TypesTask;

/**
 * The warm-up runs the codec on empty values of every shape, and never fails, whatever the types.
 */
class PayloadCodecWarmUpTests {

    @Test
    void whenTypesDecodeFromEmptyValuesShouldWarmUpAndKeepWorking() {
        for (Class<?> task : List.of(TypesTask.class, GenericsTask.class, BytesTask.class, Strings.class)) {
            PayloadCodec codec = PayloadCodec.forTask(task);
            assertThatNoException().isThrownBy(codec::warmUp);
        }
        PayloadCodec codec = PayloadCodec.forTask(GenericsTask.class);
        codec.warmUp();
        Object decoded = codec.decodeInput(codec.encodeInput(Map.of("a", List.of(1, 2))));
        assertThat(decoded).isEqualTo(Map.of("a", List.of(1, 2)));
    }

    @Test
    void whenATypeRejectsEmptyValuesShouldSkipItQuietly() {
        PayloadCodec codec = PayloadCodec.forTask(Strict.class);
        assertThatNoException().isThrownBy(codec::warmUp);
    }

    static class Strings implements Task<String, Integer> {

        @Override
        public Integer run(String input) {
            return input.length();
        }
    }

    static class Strict implements Task<Strict.Positive, Strict.Positive> {

        @Override
        public Positive run(Positive input) {
            return input;
        }

        record Positive(int value) {

            Positive {
                if (value <= 0) {
                    throw new IllegalArgumentException("value must be positive");
                }
            }
        }
    }
}
