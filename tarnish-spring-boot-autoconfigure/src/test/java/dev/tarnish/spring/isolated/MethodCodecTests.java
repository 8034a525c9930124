package dev.tarnish.spring.isolated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.tarnish.spring.InvalidIsolatedMethodException;
import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

/**
 * The encoding of an isolated method's arguments and return value: each into its declared type,
 * with generics resolved against the bean's class, and refusals of types that say nothing.
 */
class MethodCodecTests {

    @Test
    void argumentsShouldRoundTripEachIntoItsParametersDeclaredType() {
        MethodCodec codec = codec(Shapes.class, "place", Shape.class, int.class, List.class, Map.class, byte[].class);
        Object[] arguments = { new Shape("square", 2), 7, List.of(new Shape("dot", 0)), Map.of("k", 3L),
                new byte[] { 1, 2 } };
        Object[] decoded = codec.decodeArguments(codec.encodeArguments(arguments));
        assertThat(decoded[0]).isEqualTo(new Shape("square", 2));
        assertThat(decoded[1]).isEqualTo(7);
        assertThat(decoded[2]).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
            .containsExactly(new Shape("dot", 0));
        assertThat(decoded[3]).isEqualTo(Map.of("k", 3L));
        assertThat((byte[]) decoded[4]).containsExactly(1, 2);
    }

    @Test
    void nullArgumentsShouldStayNull() {
        MethodCodec codec = codec(Shapes.class, "place", Shape.class, int.class, List.class, Map.class, byte[].class);
        Object[] decoded = codec.decodeArguments(codec.encodeArguments(new Object[] { null, 1, null, null, null }));
        assertThat(decoded).containsExactly(null, 1, null, null, null);
    }

    @Test
    void methodWithoutArgumentsAndVoidResultShouldEncodeToAlmostNothing() {
        MethodCodec codec = codec(Shapes.class, "reset");
        assertThat(codec.decodeArguments(codec.encodeArguments(new Object[0]))).isEmpty();
        assertThat(codec.encodeResult(null)).isEmpty();
        assertThat(codec.decodeResult(new byte[0])).isNull();
        assertThat(codec.resultTypeName()).isEqualTo("void");
        assertThat(codec.asynchronous()).isFalse();
    }

    @Test
    void typeVariablesShouldResolveAgainstTheBeansClass() {
        MethodCodec codec = codec(SquareStore.class, "save", Object.class);
        Object[] decoded = codec.decodeArguments(codec.encodeArguments(new Object[] { new Shape("s", 4) }));
        assertThat(decoded[0]).isEqualTo(new Shape("s", 4));
        Object result = codec.decodeResult(codec.encodeResult(List.of(new Shape("t", 1))));
        assertThat(result).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
            .containsExactly(new Shape("t", 1));
    }

    @Test
    void futureResultShouldEncodeTheFuturesValue() {
        MethodCodec codec = codec(Shapes.class, "later", String.class);
        assertThat(codec.asynchronous()).isTrue();
        assertThat(codec.resultTypeName()).contains(Shape.class.getName());
        assertThat(codec.decodeResult(codec.encodeResult(new Shape("x", 9)))).isEqualTo(new Shape("x", 9));
    }

    @Test
    void objectOrUnresolvableTypesShouldBeRefused() {
        assertThatExceptionOfType(InvalidIsolatedMethodException.class)
            .isThrownBy(() -> codec(Shapes.class, "anything", Object.class))
            .withMessageContaining("parameter 1").withMessageContaining("not a concrete type");
        assertThatExceptionOfType(InvalidIsolatedMethodException.class)
            .isThrownBy(() -> codec(Shapes.class, "generic", Object.class))
            .withMessageContaining("not a concrete type");
        assertThatExceptionOfType(InvalidIsolatedMethodException.class)
            .isThrownBy(() -> codec(Shapes.class, "wildcard", List.class))
            .withMessageContaining("parameter 1");
    }

    @Test
    void malformedArgumentsShouldBeRefused() {
        MethodCodec codec = codec(Shapes.class, "later", String.class);
        assertThatExceptionOfType(RuntimeException.class)
            .isThrownBy(() -> codec.decodeArguments(new byte[] { 0x60 }));
    }

    private static MethodCodec codec(Class<?> beanClass, String name, Class<?>... parameters) {
        Method method = ReflectionUtils.findMethod(beanClass, name, parameters);
        assertThat(method).as("%s#%s", beanClass.getSimpleName(), name).isNotNull();
        return MethodCodec.of(beanClass, method, name);
    }

    record Shape(String name, int size) {
    }

    static class Shapes {

        public Shape place(Shape shape, int times, List<Shape> others, Map<String, Long> weights, byte[] bytes) {
            return shape;
        }

        public void reset() {
        }

        public CompletableFuture<Shape> later(String name) {
            return CompletableFuture.completedFuture(new Shape(name, 0));
        }

        public String anything(Object value) {
            return "";
        }

        public <T> String generic(T value) {
            return "";
        }

        public String wildcard(List<?> values) {
            return "";
        }
    }

    static class Store<T> {

        public List<T> save(T value) {
            return List.of(value);
        }
    }

    static class SquareStore extends Store<Shape> {
    }
}
