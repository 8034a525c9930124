package dev.tarnish.sample.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tarnish.IsolatedProcess;
import dev.tarnish.sample.tasks.GreetingTask;
import dev.tarnish.sample.tasks.HashRequest;
import dev.tarnish.sample.tasks.HashResult;
import dev.tarnish.sample.tasks.HashTask;
import dev.tarnish.sample.tasks.NativeRequest;
import dev.tarnish.sample.tasks.NativeResult;
import dev.tarnish.sample.tasks.NativeTask;

/**
 * The demo's API: each endpoint calls a task through its injected {@link IsolatedProcess}. Failures
 * become problem details in {@link TarnishProblemHandler}.
 */
@RestController
@RequestMapping("/api")
class DemoController {

    private final IsolatedProcess<NativeTask> nativeCalls;

    private final IsolatedProcess<GreetingTask> greetings;

    private final IsolatedProcess<HashTask> hashes;

    DemoController(IsolatedProcess<NativeTask> nativeCalls, IsolatedProcess<GreetingTask> greetings,
            IsolatedProcess<HashTask> hashes) {
        this.nativeCalls = nativeCalls;
        this.greetings = greetings;
        this.hashes = hashes;
    }

    /**
     * Calls libc in a worker; the outcome picks how the call ends.
     * @param outcome ok, error, segfault, abort, exit, oom or hang
     * @param text the text to measure
     * @return what libc answered
     */
    @PostMapping("/native/{outcome}")
    NativeResult callNative(@PathVariable String outcome, @RequestParam(required = false) String text) {
        return this.nativeCalls.call(new NativeRequest(outcome, text));
    }

    /**
     * Greets someone from a worker whose task has Spring dependencies.
     * @param name who
     * @return the greeting
     */
    @GetMapping("/greeting")
    String greet(@RequestParam(defaultValue = "world") String name) {
        return this.greetings.call(name);
    }

    /**
     * Hashes text in one of two workers.
     * @param request what to hash
     * @return the hash and the worker's pid
     */
    @PostMapping("/hash")
    HashResult hash(@RequestBody HashRequest request) {
        return this.hashes.call(request);
    }
}
