package dev.tarnish.sample.tasks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;

/**
 * CPU-bound work served by two workers, so two calls run at the same time.
 */
@TarnishTask(name = "hash", workers = 2)
public class HashTask implements Task<HashRequest, HashResult> {

    @Override
    public HashResult run(HashRequest request) throws Exception {
        if (request.rounds() < 1 || request.rounds() > 10_000_000) {
            throw new IllegalArgumentException("rounds must be between 1 and 10000000, was " + request.rounds());
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] value = request.text().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < request.rounds(); i++) {
            value = digest.digest(value);
        }
        return new HashResult(HexFormat.of().formatHex(value), ProcessHandle.current().pid());
    }
}
