package dev.tarnish.smoke;

import dev.tarnish.spring.TarnishTask;

import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** A bean that must never exist in a worker, kept out by the worker profile (and eager, so that laziness does not hide it). */
@Component
@Lazy(false)
@Profile("!" + TarnishTask.WORKER_PROFILE)
class NeverInWorker {

    NeverInWorker(Journal journal) {
        journal.write("profiled");
    }
}
