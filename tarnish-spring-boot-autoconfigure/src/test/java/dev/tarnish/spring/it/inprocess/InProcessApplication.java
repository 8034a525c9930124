package dev.tarnish.spring.it.inprocess;

import java.util.ArrayList;
import java.util.List;

import dev.tarnish.Task;
import dev.tarnish.spring.Isolated;
import dev.tarnish.spring.TarnishTask;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/** An application whose tests run its tasks in process: a task class and an isolated method. */
@SpringBootApplication
public class InProcessApplication {

    /** A dependency of the task, injected in process as in a worker. */
    @Component
    public static class Prefix {

        String value() {
            return "in ";
        }
    }

    /** Names where it ran; fails on "fail"; its input list is its own. */
    @TarnishTask(name = "where")
    public static class Where implements Task<List<String>, List<String>> {

        private final Prefix prefix;

        Where(Prefix prefix) {
            this.prefix = prefix;
        }

        @Override
        public List<String> run(List<String> input) {
            if (input.contains("fail")) {
                throw new IllegalArgumentException("asked to fail");
            }
            List<String> output = new ArrayList<>(input);
            output.add(this.prefix.value() + ProcessHandle.current().pid());
            input.clear(); // a worker's input is a copy; so is this one
            return output;
        }
    }

    /** A bean with an isolated method. */
    @Service
    public static class Counter {

        /**
         * Counts and clears.
         * @param values the values, cleared (a copy, across the boundary)
         * @param extra added to the count
         * @return the count and the pid
         */
        @Isolated(name = "counter.count")
        public long[] count(List<String> values, int extra) {
            long count = values.size() + extra;
            values.clear();
            return new long[] { count, ProcessHandle.current().pid() };
        }

        /**
         * Takes what cannot cross the boundary.
         * @param task a lambda: nothing to encode
         * @return never
         */
        @Isolated
        public String take(Runnable task) {
            task.run();
            return "ran";
        }
    }
}
