package dev.tarnish.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.tarnish.Task;
import dev.tarnish.tasks.BytesTask;
import dev.tarnish.tasks.GenericsTask;
import dev.tarnish.tasks.TypesTask;

/**
 * The warm-up really runs the codec, on an empty value of each type's shape; a type that rejects
 * empty values is skipped without an error, and the codec keeps working either way.
 */
class PayloadCodecWarmUpTests {

    @Test
    void whenTypesDecodeFromEmptyValuesShouldWarmUpBoth() {
        for (Class<?> task : List.of(TypesTask.class, GenericsTask.class, BytesTask.class, Strings.class)) {
            assertThat(PayloadCodec.forTask(task).warmUp()).as(task.getSimpleName())
                .isEqualTo(new PayloadCodec.WarmUp(true, true));
        }
        PayloadCodec codec = PayloadCodec.forTask(GenericsTask.class);
        codec.warmUp();
        Object decoded = codec.decodeInput(codec.encodeInput(Map.of("a", List.of(1, 2))));
        assertThat(decoded).isEqualTo(Map.of("a", List.of(1, 2)));
    }

    @Test
    void whenWarmingUpShouldDecodeAValueOfTheType() {
        int before = Counted.created.get();
        PayloadCodec.forTask(Counting.class).warmUp();
        // Input and output are both Counted: the warm-up decoded one of each.
        assertThat(Counted.created.get() - before).isEqualTo(2);
    }

    @Test
    void whenATypeRejectsEmptyValuesShouldSkipItAndStillWork() {
        PayloadCodec codec = PayloadCodec.forTask(Strict.class);
        assertThat(codec.warmUp()).isEqualTo(new PayloadCodec.WarmUp(false, false));
        Object decoded = codec.decodeInput(codec.encodeInput(new Strict.Positive(3)));
        assertThat(decoded).isEqualTo(new Strict.Positive(3));
    }

    static class Strings implements Task<String, Integer> {

        @Override
        public Integer run(String input) {
            return input.length();
        }
    }

    static class Counting implements Task<Counted, Counted> {

        @Override
        public Counted run(Counted input) {
            return input;
        }
    }

    record Counted(String label) {

        static final AtomicInteger created = new AtomicInteger();

        Counted {
            created.incrementAndGet();
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
