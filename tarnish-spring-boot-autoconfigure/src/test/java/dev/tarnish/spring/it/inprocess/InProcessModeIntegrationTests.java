package dev.tarnish.spring.it.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;

import dev.tarnish.IsolatedProcess;
import dev.tarnish.TaskFailedException;
import dev.tarnish.spring.TarnishProcesses;
import dev.tarnish.spring.it.inprocess.InProcessApplication.Counter;
import dev.tarnish.spring.it.inprocess.InProcessApplication.Where;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code tarnish.mode=in-process}: tasks and isolated methods run in the test's JVM, with the round
 * trip of a worker's call, the same exceptions and the same counting, and no worker process at all.
 */
@SpringBootTest(classes = InProcessApplication.class, properties = "tarnish.mode=in-process")
class InProcessModeIntegrationTests {

    private static final long PID = ProcessHandle.current().pid();

    @Autowired
    private IsolatedProcess<Where> where;

    @Autowired
    private Counter counter;

    @Autowired
    private TarnishProcesses processes;

    @Autowired
    private MeterRegistry meters;

    @Test
    void taskShouldRunInThisJvmWithItsDependenciesOnACopyOfTheInput() {
        List<String> input = new ArrayList<>(List.of("a"));
        List<String> output = this.where.call(input);
        assertThat(output).containsExactly("a", "in " + PID);
        assertThat(input).containsExactly("a");
        assertThat(this.processes.find("where")).get()
            .satisfies((process) -> assertThat(process.status().workers()).singleElement()
                .satisfies((worker) -> assertThat(worker.pid()).isEqualTo(PID)));
        assertThat(this.meters.get("tarnish.calls").tags("task", "where", "outcome", "success").timer().count())
            .isGreaterThanOrEqualTo(1);
    }

    @Test
    void taskFailureShouldArriveAsATaskFailedException() {
        assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> this.where.call(List.of("fail")))
            .satisfies((ex) -> {
                assertThat(ex.getRemoteClassName()).isEqualTo(IllegalArgumentException.class.getName());
                assertThat(ex.getRemoteMessage()).isEqualTo("asked to fail");
            });
    }

    @Test
    void isolatedMethodShouldRunInThisJvmThroughTheCodec() {
        List<String> values = new ArrayList<>(List.of("x", "y"));
        long[] counted = this.counter.count(values, 3);
        assertThat(counted).containsExactly(5, PID);
        assertThat(values).as("the caller's list, untouched").containsExactly("x", "y");
        assertThat(this.processes.find("counter.count")).get()
            .satisfies((process) -> assertThat(process.status().calls()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void argumentThatCannotCrossTheBoundaryShouldFailAsItWouldWithWorkers() {
        // A lambda encodes to an empty map, which no worker could decode into a Runnable.
        assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> this.counter.take(() -> {
        })).satisfies((ex) -> assertThat(ex.getRemoteMessage())
            .contains("Cannot construct instance of `java.lang.Runnable`"));
    }
}
