package dev.tarnish.spring.it.web;

import java.util.Arrays;
import java.util.List;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Names the beans of a type in the context of the worker that runs it. It needs the meter registry,
 * which a task keeps in a worker while the application's own meters and health do not come along.
 */
@TarnishTask(name = "worker-beans")
public class WorkerBeansTask implements Task<String, List<String>> {

    private final ListableBeanFactory beans;

    private final MeterRegistry meters;

    public WorkerBeansTask(ListableBeanFactory beans, MeterRegistry meters) {
        this.beans = beans;
        this.meters = meters;
    }

    @Override
    public List<String> run(String typeName) {
        this.meters.counter("worker.beans.asked").increment();
        Class<?> type = ClassUtils.resolveClassName(typeName, getClass().getClassLoader());
        return Arrays.stream(this.beans.getBeanNamesForType(type, true, false)).sorted().toList();
    }
}
