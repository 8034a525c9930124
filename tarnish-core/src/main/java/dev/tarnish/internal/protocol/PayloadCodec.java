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

    private PayloadCodec(CBORMapper mapper, TaskTypes types) {
        this.types = types;
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
        return this.inputWriter.writeValueAsBytes(input);
    }

    /**
     * Decodes an input.
     * @param bytes the CBOR bytes
     * @return the input
     * @throws JacksonException if the bytes are not an input
     */
    public Object decodeInput(byte[] bytes) {
        return this.inputReader.readValue(bytes);
    }

    /**
     * Encodes an output.
     * @param output the output
     * @return the CBOR bytes
     * @throws JacksonException if the value cannot be encoded
     */
    public byte[] encodeOutput(Object output) {
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
        return (O) this.outputReader.readValue(bytes);
    }
}
