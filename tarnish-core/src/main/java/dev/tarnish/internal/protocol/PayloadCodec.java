package dev.tarnish.internal.protocol;

import java.util.EnumSet;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Encodes a task's inputs and outputs in CBOR and decodes them into the declared types only: the
 * type always comes from the task's signature, never from the wire, so no other class is ever
 * instantiated by decoding. Thread-safe.
 *
 * <p>Calls go through the frame methods ({@link #encodeCall}, {@link #decodeCall}, {@link
 * #encodeResult}, {@link #decodeResult}): a {@code byte[]} input or output then travels as a
 * {@linkplain Frame#byteString() byte-string frame} and is never copied into or out of an encoded
 * array; a {@code String} is coded by {@link CborText} where that gives Jackson's result; every other
 * type is encoded by Jackson into the frame's body, as before. The array methods
 * ({@link #encodeInput} and the like) produce and take the same bytes in one array.
 */
public final class PayloadCodec {

    private final TaskTypes types;

    private final ObjectWriter inputWriter;

    private final ObjectReader inputReader;

    private final ObjectWriter outputWriter;

    private final ObjectReader outputReader;

    /** Whether the input, resp. the output, is a {@code byte[]}: coded by {@link CborByteString}. */
    private final boolean bytesInput;

    private final boolean bytesOutput;

    /** Whether the input, resp. the output, is a {@code String}: coded by {@link CborText} where it can. */
    private final boolean textInput;

    private final boolean textOutput;

    /** The frame types read as byte-string frames: {@code CALL} and {@code RESULT} for byte[] types. */
    private final Set<MessageType> byteStringTypes;

    private PayloadCodec(CBORMapper mapper, TaskTypes types) {
        this.types = types;
        this.bytesInput = types.input().hasRawClass(byte[].class);
        this.bytesOutput = types.output().hasRawClass(byte[].class);
        this.textInput = types.input().hasRawClass(String.class);
        this.textOutput = types.output().hasRawClass(String.class);
        Set<MessageType> byteStrings = EnumSet.noneOf(MessageType.class);
        if (this.bytesInput) {
            byteStrings.add(MessageType.CALL);
        }
        if (this.bytesOutput) {
            byteStrings.add(MessageType.RESULT);
        }
        this.byteStringTypes = Set.copyOf(byteStrings);
        this.inputWriter = mapper.writerFor(types.input());
        this.inputReader = mapper.readerFor(types.input());
        this.outputWriter = mapper.writerFor(types.output());
        this.outputReader = mapper.readerFor(types.output());
    }

    /**
     * Creates a codec for a task class.
     * @param taskClass the task class
     * @return the codec
     * @throws IllegalArgumentException if the task's types cannot be resolved
     */
    public static PayloadCodec forTask(Class<?> taskClass) {
        CBORMapper mapper = CBORMapper.builder().build();
        return new PayloadCodec(mapper, TaskTypes.of(taskClass, mapper.getTypeFactory()));
    }

    /**
     * Returns the task's resolved types.
     * @return the types
     */
    public TaskTypes types() {
        return this.types;
    }

    /**
     * Returns the frame types to read as {@linkplain Frame#byteString() byte-string frames}, for
     * {@link FrameChannel#read(Set)}: a call's input is read so in the worker when it is a
     * {@code byte[]}, a result's output in the caller when it is one. The same set serves both sides,
     * since a worker reads only calls and a caller only replies.
     * @return the types, possibly none
     */
    public Set<MessageType> byteStringTypes() {
        return this.byteStringTypes;
    }

    /**
     * Encodes an input into a {@code CALL} frame. A {@code byte[]} input is not copied: the frame
     * holds the caller's array until it is written.
     * @param input the input
     * @return the frame
     * @throws JacksonException if the value cannot be encoded
     */
    public Frame encodeCall(Object input) {
        if (this.bytesInput && input != null) {
            return new Frame(MessageType.CALL, (byte[]) input, true);
        }
        return new Frame(MessageType.CALL, encodeInput(input));
    }

    /**
     * Decodes the input of a {@code CALL} frame read with {@link #byteStringTypes()}.
     * @param call the frame
     * @return the input: for a byte-string frame, its payload itself
     * @throws JacksonException if the body is not an input
     */
    public Object decodeCall(Frame call) {
        return call.byteString() ? call.payload() : decodeInput(call.payload());
    }

    /**
     * Encodes an output into a {@code RESULT} frame. A {@code byte[]} output is not copied.
     * @param output the output
     * @return the frame
     * @throws JacksonException if the value cannot be encoded
     */
    public Frame encodeResult(Object output) {
        if (this.bytesOutput && output != null) {
            return new Frame(MessageType.RESULT, (byte[]) output, true);
        }
        return new Frame(MessageType.RESULT, encodeOutput(output));
    }

    /**
     * Decodes the output of a {@code RESULT} frame read with {@link #byteStringTypes()}.
     * @param result the frame
     * @param <O> the output type
     * @return the output: for a byte-string frame, its payload itself
     * @throws JacksonException if the body is not an output
     */
    @SuppressWarnings("unchecked")
    public <O> O decodeResult(Frame result) {
        return result.byteString() ? (O) result.payload() : decodeOutput(result.payload());
    }

    /**
     * Runs the codec once for each of the task's types on an empty value of the right shape (an empty
     * map for a record or bean, an empty array for a collection, ""), so that the classes, serializers
     * and interpreter paths a first call would pay for are loaded before any call arrives. A worker
     * does it before it reports ready, and a pool when it is built: the first real call then costs what
     * later ones do. Best effort: a type that does not decode from an empty value is skipped.
     * @return which of the two types were warmed up
     */
    public WarmUp warmUp() {
        return new WarmUp(warmUp(this.inputReader, this.inputWriter, this.types.input()),
                warmUp(this.outputReader, this.outputWriter, this.types.output()));
    }

    private static boolean warmUp(ObjectReader reader, ObjectWriter writer, JavaType type) {
        try {
            // An empty map leaves primitive components unset: accept them as zero, for the warm-up only.
            Object value = reader.without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readValue(emptyValueOf(type));
            if (value != null) {
                writer.writeValueAsBytes(value);
            }
            return true;
        }
        catch (RuntimeException ex) {
            // The type insists on content (a required property, a validating constructor): no warm-up.
            return false;
        }
    }

    /**
     * What a warm-up ran.
     *
     * @param input whether the input type was decoded and encoded
     * @param output whether the output type was decoded and encoded
     */
    public record WarmUp(boolean input, boolean output) {
    }

    /** The CBOR encoding of an empty value of the type's shape. */
    private static byte[] emptyValueOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == byte[].class) {
            return new byte[] { 0x40 };
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return new byte[] { (byte) 0x80 };
        }
        if (raw == String.class || raw == Character.class) {
            return new byte[] { 0x60 };
        }
        if (Number.class.isAssignableFrom(raw)) {
            return new byte[] { 0x00 };
        }
        if (raw == Boolean.class) {
            return new byte[] { (byte) 0xF4 };
        }
        return new byte[] { (byte) 0xA0 };
    }

    /**
     * Encodes an input.
     * @param input the input
     * @return the CBOR bytes
     * @throws JacksonException if the value cannot be encoded
     */
    public byte[] encodeInput(Object input) {
        if (this.bytesInput) {
            return CborByteString.encode((byte[]) input);
        }
        byte[] text = (this.textInput && input instanceof String value) ? CborText.encodeOrNull(value) : null;
        return (text != null) ? text : this.inputWriter.writeValueAsBytes(input);
    }

    /**
     * Decodes an input.
     * @param bytes the CBOR bytes
     * @return the input
     * @throws JacksonException if the bytes are not an input
     */
    public Object decodeInput(byte[] bytes) {
        if (this.bytesInput) {
            byte[] decoded = CborByteString.decodeOrReturn(bytes);
            if (decoded != bytes) {
                return decoded;
            }
        }
        String text = this.textInput ? CborText.decodeOrNull(bytes) : null;
        return (text != null) ? text : this.inputReader.readValue(bytes);
    }

    /**
     * Encodes an output.
     * @param output the output
     * @return the CBOR bytes
     * @throws JacksonException if the value cannot be encoded
     */
    public byte[] encodeOutput(Object output) {
        if (this.bytesOutput) {
            return CborByteString.encode((byte[]) output);
        }
        byte[] text = (this.textOutput && output instanceof String value) ? CborText.encodeOrNull(value) : null;
        return (text != null) ? text : this.outputWriter.writeValueAsBytes(output);
    }

    /**
     * Decodes an output.
     * @param bytes the CBOR bytes
     * @param <O> the output type
     * @return the output
     * @throws JacksonException if the bytes are not an output
     */
    @SuppressWarnings("unchecked")
    public <O> O decodeOutput(byte[] bytes) {
        if (this.bytesOutput) {
            byte[] decoded = CborByteString.decodeOrReturn(bytes);
            if (decoded != bytes) {
                return (O) decoded;
            }
        }
        String text = this.textOutput ? CborText.decodeOrNull(bytes) : null;
        return (text != null) ? (O) text : (O) this.outputReader.readValue(bytes);
    }
}
