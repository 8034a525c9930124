package dev.tarnish.tasks;

import dev.tarnish.Task;

/**
 * Returns a value that CBOR cannot encode: a bean whose getter throws.
 */
public class UnencodableOutputTask implements Task<String, UnencodableOutputTask.Broken> {

    @Override
    public Broken run(String input) {
        return new Broken();
    }

    public static class Broken {

        public String getValue() {
            throw new IllegalStateException("this getter cannot be read");
        }
    }
}
