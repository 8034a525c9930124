package dev.tarnish.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One worker trains the archive, the others use it once it is published; a JVM that cannot write
 * one stops the training for good; a new class path gets a new archive.
 */
class ClassDataSharingTests {

    @TempDir
    Path cache;

    @Test
    void whenNoArchiveYetShouldTrainOneWorkerAtATime() {
        ClassDataSharing sharing = ClassDataSharing.forCommand(this.cache, List.of("java", "-cp", "x.jar", "Main"));
        ClassDataSharing.Plan first = sharing.next();
        assertThat(first.trainingOutput()).isNotNull();
        assertThat(first.options()).anyMatch((option) -> option.contains(first.trainingOutput().toString()));
        ClassDataSharing.Plan second = sharing.next();
        assertThat(second.trainingOutput()).isNull();
        assertThat(second.options()).isEmpty();
    }

    @Test
    void whenTrainingWorkerExitsCleanlyShouldPublishTheArchiveForLaterWorkers() throws IOException {
        ClassDataSharing sharing = ClassDataSharing.forCommand(this.cache, List.of("java", "Main"));
        ClassDataSharing.Plan training = sharing.next();
        Files.write(training.trainingOutput(), new byte[] { 1, 2, 3 });
        sharing.trainingEnded(training.trainingOutput(), 0);
        assertThat(training.trainingOutput()).doesNotExist();
        ClassDataSharing.Plan later = sharing.next();
        assertThat(later.trainingOutput()).isNull();
        assertThat(later.options()).anyMatch((option) -> option.startsWith("-XX:SharedArchiveFile=")
                || option.startsWith("-XX:AOTCache="));
        ClassDataSharing nextRun = ClassDataSharing.forCommand(this.cache, List.of("java", "Main"));
        assertThat(nextRun.next().options()).isEqualTo(later.options());
    }

    @Test
    void whenTrainingWorkerIsKilledShouldTrainAgainLater() throws IOException {
        ClassDataSharing sharing = ClassDataSharing.forCommand(this.cache, List.of("java", "Main"));
        ClassDataSharing.Plan training = sharing.next();
        Files.write(training.trainingOutput(), new byte[] { 1 });
        sharing.trainingEnded(training.trainingOutput(), 137);
        assertThat(training.trainingOutput()).doesNotExist();
        assertThat(sharing.next().trainingOutput()).isNotNull();
    }

    @Test
    void whenJvmCannotWriteAnArchiveShouldStopTraining() {
        ClassDataSharing sharing = ClassDataSharing.forCommand(this.cache, List.of("java", "Main"));
        ClassDataSharing.Plan training = sharing.next();
        sharing.trainingEnded(training.trainingOutput(), 0);
        ClassDataSharing.Plan after = sharing.next();
        assertThat(after.trainingOutput()).isNull();
        assertThat(after.options()).isEmpty();
    }

    @Test
    void whenAJarOfTheClassPathChangesShouldUseAnotherArchive() throws IOException {
        Path jar = this.cache.resolve("app.jar");
        Files.write(jar, new byte[] { 1 });
        List<String> command = List.of("java", "-cp", jar.toString(), "Main");
        ClassDataSharing before = ClassDataSharing.forCommand(this.cache, command);
        ClassDataSharing.Plan training = before.next();
        Files.write(training.trainingOutput(), new byte[] { 1 });
        before.trainingEnded(training.trainingOutput(), 0);
        Files.write(jar, new byte[] { 1, 2 });
        ClassDataSharing after = ClassDataSharing.forCommand(this.cache, command);
        assertThat(after.next().trainingOutput()).isNotNull();
    }

    @Test
    void whenOnlyProgramArgumentsDifferShouldShareTheArchive() throws IOException {
        ClassDataSharing first = ClassDataSharing.forCommand(this.cache,
                List.of("java", "-Xmx64m", "-jar", "app.jar", "--server.port=8080"));
        ClassDataSharing.Plan training = first.next();
        Files.write(training.trainingOutput(), new byte[] { 1 });
        first.trainingEnded(training.trainingOutput(), 0);
        ClassDataSharing second = ClassDataSharing.forCommand(this.cache,
                List.of("java", "-Xmx64m", "-jar", "app.jar", "--server.port=9090"));
        assertThat(second.next().trainingOutput()).isNull();
        ClassDataSharing otherOptions = ClassDataSharing.forCommand(this.cache,
                List.of("java", "-Xmx128m", "-jar", "app.jar", "--server.port=8080"));
        assertThat(otherOptions.next().trainingOutput()).isNotNull();
    }

    @Test
    void whenTheCommandAlreadyChoosesAnArchiveShouldLeaveSharingAlone() {
        assertThat(ClassDataSharing.forCommand(this.cache, List.of("java", "-XX:AOTCache=app.aot", "-jar", "a.jar")))
            .isNull();
        assertThat(ClassDataSharing.forCommand(this.cache,
                List.of("java", "-XX:SharedArchiveFile=app.jsa", "-jar", "a.jar"))).isNull();
        assertThat(ClassDataSharing.forCommand(this.cache, List.of("java", "-Xshare:off", "-jar", "a.jar"))).isNull();
    }

    /** "CDS dumping does not support native JVMTI agent": such a training worker would never start. */
    @Test
    void whenTheCommandLoadsANativeAgentShouldLeaveSharingAlone() {
        for (String agent : List.of("-agentpath:/opt/profiler/libasyncProfiler.so=start", "-agentlib:jdwp=transport=dt_socket",
                "-Xrunhprof")) {
            assertThat(ClassDataSharing.forCommand(this.cache, List.of("java", agent, "-jar", "a.jar"))).as(agent).isNull();
        }
        assertThat(ClassDataSharing.forCommand(this.cache, List.of("java", "-javaagent:agent.jar", "-jar", "a.jar")))
            .isNotNull();
    }

    @Test
    void whenATrainingWorkerFailedToStartShouldNotTrainAgainInThisRun() {
        ClassDataSharing sharing = ClassDataSharing.forCommand(this.cache, List.of("java", "Main"));
        ClassDataSharing.Plan training = sharing.next();
        sharing.trainingFailedAtStart();
        sharing.trainingEnded(training.trainingOutput(), 1);
        assertThat(sharing.next().trainingOutput()).isNull();
    }

    @Test
    void whenLaunchedWithAnArgumentFileShouldNotParseTheCommandLine() {
        assertThat(CurrentJvm.parse("java", List.of("-Xmx64m", "@/tmp/args.txt"))).isNull();
        CurrentJvm sourceLaunch = CurrentJvm.parse("java", List.of("--source", "21", "App.java", "x"));
        assertThat(sourceLaunch.program()).containsExactly("App.java");
        assertThat(sourceLaunch.programArguments()).containsExactly("x");
    }

    @Test
    void trainingFilesOfDeadParentsShouldGoAtOnceAndThoseOfLiveOnesStay() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = this.cache.resolve("abc.jsa." + finished.pid() + "-123.training");
        Path live = this.cache.resolve("abc.jsa." + ProcessHandle.current().pid() + "-456.training");
        Path liveButOld = this.cache.resolve("def.aot." + ProcessHandle.current().pid() + "-789.training");
        Path unnamed = this.cache.resolve("strange.training");
        for (Path file : List.of(dead, live, liveButOld, unnamed)) {
            Files.write(file, new byte[] { 1 });
        }
        Files.setLastModifiedTime(liveButOld, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));
        assertThat(ClassDataSharing.trainingParent(dead.getFileName().toString())).isEqualTo(finished.pid());
        ClassDataSharing.removeAbandonedTraining(this.cache);
        assertThat(live).exists();
        assertThat(dead).doesNotExist();
        assertThat(liveButOld).doesNotExist();
        assertThat(unnamed).doesNotExist();
    }

    @Test
    void cacheShouldEvictTheLeastRecentlyUsedArchivesBeyondItsBoundButNeverTheOneInUse() throws IOException {
        Path oldest = archive("a.jsa", 400, 3);
        Path older = archive("b.aot", 400, 2);
        Path recent = archive("c.jsa", 400, 1);
        Path inUse = archive("d.jsa", 900, 4);
        Files.writeString(this.cache.resolve("a.unusable"), "x");
        ClassDataSharing.evict(this.cache, 1500, inUse);
        assertThat(inUse).exists();
        assertThat(recent).exists();
        assertThat(oldest).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(this.cache.resolve("a.unusable")).doesNotExist();
        ClassDataSharing.evict(this.cache, 0, inUse);
        assertThat(inUse).exists();
        assertThat(recent).doesNotExist();
    }

    private Path archive(String name, int size, int hoursAgo) throws IOException {
        Path file = this.cache.resolve(name);
        Files.write(file, new byte[size]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - hoursAgo * 3_600_000L));
        return file;
    }
}
