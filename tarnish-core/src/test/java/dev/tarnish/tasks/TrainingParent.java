package dev.tarnish.tasks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.Tarnish;
import dev.tarnish.TaskSettings;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.internal.worker.WorkerMain;

/**
 * A parent whose worker trains a class-data-sharing archive: it prints {@code TRAINING <pid>} once its
 * worker is ready and waits to be killed or terminated, without ever closing its pool. Arguments: the cache folder and the worker's class path.
 */
public final class TrainingParent {

    private TrainingParent() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("tarnish.cache.dir", args[0]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        WorkerLaunch launch = (options) -> {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(options);
            command.addAll(List.of("-cp", args[1], WorkerMain.class.getName()));
            return command;
        };
        SupervisedProcess<BytesTask> process = Tarnish.process(BytesTask.class)
            .settings(TaskSettings.builder().shutdownTimeout(Duration.ofSeconds(60)).build())
            .launch(launch)
            .build();
        process.call(new byte[] { 1 });
        System.out.println("TRAINING " + process.status().workers().get(0).pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
