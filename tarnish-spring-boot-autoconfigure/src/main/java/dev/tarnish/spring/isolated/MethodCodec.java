package dev.tarnish.spring.isolated;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tarnish.spring.InvalidIsolatedMethodException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.core.ResolvableType;

/**
 * Encodes the arguments and the return value of one isolated method in CBOR, each argument into and
 * from the type its parameter declares and the return value into the declared return type, all
 * resolved against the bean's class. As with a task's input and output, the type always comes from
 * the signature, never from the wire. Both sides build the same codec from the same method.
 * Thread-safe.
 *
 * <p>The arguments travel as one CBOR array with an element per parameter; the return value as one
 * CBOR value, or nothing for {@code void}. For a method returning {@code CompletableFuture<T>} or
 * {@code CompletionStage<T>}, the value is the future's {@code T}.
 */
final class MethodCodec {

    private static final byte[] NO_VALUE = new byte[0];

    /**
     * One mapper for every method: a mapper is thread-safe and caches its serializers, so the codec
     * the start-up check builds and the proxy's (or the worker's) share what they resolved.
     */
    private static final CBORMapper MAPPER = CBORMapper.builder().build();

    private final CBORMapper mapper;

    private final ObjectWriter[] argumentWriters;

    private final ObjectReader[] argumentReaders;

    private final ObjectWriter resultWriter;

    private final ObjectReader resultReader;

    private final JavaType resultType;

    private final boolean asynchronous;

    private MethodCodec(CBORMapper mapper, JavaType[] parameters, JavaType result, boolean asynchronous) {
        this.mapper = mapper;
        this.argumentWriters = new ObjectWriter[parameters.length];
        this.argumentReaders = new ObjectReader[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            this.argumentWriters[i] = mapper.writerFor(parameters[i]);
            // Each argument is one value of the array: the ones after it are not trailing garbage.
            this.argumentReaders[i] = mapper.readerFor(parameters[i])
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
        this.resultType = result;
        this.resultWriter = (result != null) ? mapper.writerFor(result) : null;
        this.resultReader = (result != null) ? mapper.readerFor(result) : null;
        this.asynchronous = asynchronous;
    }

    /**
     * Creates the codec of a method.
     * @param beanClass the bean's class, against which type variables resolve
     * @param method the method
     * @param description the method, for messages
     * @return the codec
     * @throws InvalidIsolatedMethodException if a type is {@code Object} or cannot be resolved
     */
    static MethodCodec of(Class<?> beanClass, Method method, String description) {
        CBORMapper mapper = MAPPER;
        TypeFactory types = mapper.getTypeFactory();
        JavaType[] parameters = new JavaType[method.getParameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = concrete(ResolvableType.forMethodParameter(method, i, beanClass), types, description,
                    "parameter " + (i + 1));
        }
        ResolvableType returned = ResolvableType.forMethodReturnType(method, beanClass);
        Class<?> returnClass = returned.toClass();
        boolean asynchronous = CompletionStage.class.isAssignableFrom(returnClass);
        if (asynchronous) {
            if (!returnClass.isAssignableFrom(CompletableFuture.class)) {
                throw new InvalidIsolatedMethodException(description, "it returns a " + returnClass.getName()
                        + "; an asynchronous isolated method returns CompletableFuture<T> or CompletionStage<T>");
            }
            returned = returned.as(CompletionStage.class).getGeneric(0);
        }
        Class<?> value = returned.toClass();
        JavaType result = (value == void.class || value == Void.class) ? null
                : concrete(returned, types, description, "the return type");
        return new MethodCodec(mapper, parameters, result, asynchronous);
    }

    /** Whether calls return a future of the value rather than the value. */
    boolean asynchronous() {
        return this.asynchronous;
    }

    /**
     * Encodes a call's arguments.
     * @param arguments the arguments, one per parameter
     * @return the CBOR array
     * @throws JacksonException if an argument cannot be encoded
     */
    byte[] encodeArguments(Object[] arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = this.mapper.createGenerator(bytes)) {
            generator.writeStartArray();
            for (int i = 0; i < this.argumentWriters.length; i++) {
                this.argumentWriters[i].writeValue(generator, arguments[i]);
            }
            generator.writeEndArray();
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a call's arguments.
     * @param encoded what {@link #encodeArguments} produced
     * @return the arguments, one per parameter
     * @throws JacksonException if the bytes are not such an array
     */
    Object[] decodeArguments(byte[] encoded) {
        Object[] arguments = new Object[this.argumentReaders.length];
        try (JsonParser parser = this.mapper.createParser(encoded)) {
            expect(parser, JsonToken.START_ARRAY);
            for (int i = 0; i < arguments.length; i++) {
                parser.nextToken();
                arguments[i] = this.argumentReaders[i].readValue(parser);
            }
            expect(parser, JsonToken.END_ARRAY);
        }
        return arguments;
    }

    /**
     * Encodes a return value.
     * @param value the value, {@code null} for {@code void}
     * @return its CBOR encoding; empty for {@code void}
     * @throws JacksonException if the value cannot be encoded
     */
    byte[] encodeResult(Object value) {
        return (this.resultWriter != null) ? this.resultWriter.writeValueAsBytes(value) : NO_VALUE;
    }

    /**
     * Decodes a return value.
     * @param encoded what {@link #encodeResult} produced
     * @return the value, {@code null} for {@code void}
     * @throws JacksonException if the bytes are not a value of the return type
     */
    Object decodeResult(byte[] encoded) {
        return (this.resultReader != null) ? this.resultReader.readValue(encoded) : null;
    }

    /** The return type, for messages. */
    String resultTypeName() {
        return (this.resultType != null) ? this.resultType.toCanonical() : "void";
    }

    private static void expect(JsonParser parser, JsonToken token) {
        if (parser.nextToken() != token) {
            throw new IllegalArgumentException("Malformed arguments: expected " + token + ", found "
                    + parser.currentToken());
        }
    }

    private static JavaType concrete(ResolvableType type, TypeFactory types, String description, String what) {
        // A type variable of the method itself, or a wildcard, says nothing about what to decode into.
        JavaType resolved = type.hasUnresolvableGenerics() ? null : javaType(type, types);
        if (resolved == null || resolved.isJavaLangObject()) {
            throw new InvalidIsolatedMethodException(description, what + " (" + type + ") is not a concrete type; "
                    + "its values are decoded into the declared type only, so declare a record, a POJO, String, "
                    + "byte[], a primitive or a collection of those");
        }
        return resolved;
    }

    /** A Jackson type with every generic argument of the Spring one, or {@code null} if one is unresolvable. */
    private static JavaType javaType(ResolvableType type, TypeFactory types) {
        if (type.isArray() && !type.toClass().getComponentType().isPrimitive()) {
            JavaType component = javaType(type.getComponentType(), types);
            return (component != null) ? types.constructArrayType(component) : null;
        }
        Class<?> raw = type.resolve();
        if (raw == null) {
            return null;
        }
        if (!type.hasGenerics()) {
            return types.constructType(raw);
        }
        ResolvableType[] generics = type.getGenerics();
        JavaType[] arguments = new JavaType[generics.length];
        for (int i = 0; i < generics.length; i++) {
            arguments[i] = javaType(generics[i], types);
            if (arguments[i] == null) {
                return null;
            }
        }
        return types.constructParametricType(raw, arguments);
    }
}
