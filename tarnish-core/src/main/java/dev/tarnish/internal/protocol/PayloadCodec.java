package dev.tarnish.internal.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Encodes a task's inputs and outputs in CBOR and decodes them into the declared types only: the
 * type always comes from the task's signature, never from the wire, so no other class is ever
 * instantiated by decoding. Thread-safe.
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

    private PayloadCodec(CBORMapper mapper, TaskTypes types) {
        this.types = types;
        this.bytesInput = types.input().hasRawClass(byte[].class);
        this.bytesOutput = types.output().hasRawClass(byte[].class);
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
     * Encodes an input.
     * @param input the input
     * @return the CBOR bytes
     * @throws JacksonException if the value cannot be encoded
     */
    public byte[] encodeInput(Object input) {
        if (this.bytesInput) {
            return CborByteString.encode((byte[]) input);
        }
        return this.inputWriter.writeValueAsBytes(input);
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
        return this.inputReader.readValue(bytes);
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
        return this.outputWriter.writeValueAsBytes(output);
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
        return (O) this.outputReader.readValue(bytes);
    }
}
