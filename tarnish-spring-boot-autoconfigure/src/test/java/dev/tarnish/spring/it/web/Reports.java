package dev.tarnish.spring.it.web;

import dev.tarnish.IsolatedProcess;

import org.springframework.stereotype.Service;

/** Depends on task processes by generic type, as an application would. */
@Service
public class Reports {

    final IsolatedProcess<EchoTask> echo;

    final IsolatedProcess<CrashTask> crash;

    Reports(IsolatedProcess<EchoTask> echo, IsolatedProcess<CrashTask> crash) {
        this.echo = echo;
        this.crash = crash;
    }
}
