package dev.tarnish.internal.worker;

import java.io.IOException;
import java.io.InputStream;

import dev.tarnish.internal.protocol.PayloadCodec;
import dev.tarnish.tasks.BytesTask;
import dev.tarnish.tasks.MarkingTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerRuntimeTests {

    @AfterEach
    void forget() {
        WorkerRuntime.forgetPrepared();
    }

    @Test
    void aCodecPreparedAheadShouldBeTheOneServedForItsTaskClass() {
        WorkerRuntime.prepare(MarkingTask.class.getName(), getClass().getClassLoader());
        PayloadCodec codec = WorkerRuntime.codecFor(MarkingTask.class);
        assertThat(codec.types().taskClass()).isEqualTo(MarkingTask.class);
        assertThat(WorkerRuntime.codecFor(MarkingTask.class)).as("the prepared one, not another").isSameAs(codec);
    }

    @Test
    void onlyTheFirstPreparationShouldCount() {
        WorkerRuntime.prepare(MarkingTask.class.getName(), getClass().getClassLoader());
        WorkerRuntime.prepare(BytesTask.class.getName(), getClass().getClassLoader());
        assertThat(WorkerRuntime.codecFor(MarkingTask.class)).isSameAs(WorkerRuntime.codecFor(MarkingTask.class));
        assertThat(WorkerRuntime.codecFor(BytesTask.class)).isNotSameAs(WorkerRuntime.codecFor(BytesTask.class));
    }

    @Test
    void anotherTaskClassShouldGetACodecOfItsOwn() {
        WorkerRuntime.prepare(MarkingTask.class.getName(), getClass().getClassLoader());
        PayloadCodec codec = WorkerRuntime.codecFor(BytesTask.class);
        assertThat(codec.types().taskClass()).isEqualTo(BytesTask.class);
        assertThat(codec.types().input().getRawClass()).isEqualTo(byte[].class);
    }

    @Test
    void aFailedPreparationShouldLeaveTheCodecToServe() {
        WorkerRuntime.prepare("dev.tarnish.tasks.NoSuchTask", getClass().getClassLoader());
        assertThat(WorkerRuntime.codecFor(MarkingTask.class).types().taskClass()).isEqualTo(MarkingTask.class);
    }

    @Test
    void aTaskClassOfAnotherLoaderShouldNotGetTheCodecOfTheSameName() throws Exception {
        // The same name, another class: as with a restart class loader of Spring Boot's devtools.
        ClassLoader other = new OwnCopyLoader(MarkingTask.class, getClass().getClassLoader());
        Class<?> copy = Class.forName(MarkingTask.class.getName(), false, other);
        assertThat(copy).isNotEqualTo(MarkingTask.class);
        WorkerRuntime.prepare(MarkingTask.class.getName(), other);
        PayloadCodec codec = WorkerRuntime.codecFor(MarkingTask.class);
        assertThat(codec.types().taskClass()).isEqualTo(MarkingTask.class);
        assertThat(WorkerRuntime.codecFor(copy).types().taskClass()).isEqualTo(copy);
    }

    /** Defines its own copy of one class and leaves every other to its parent. */
    private static final class OwnCopyLoader extends ClassLoader {

        private final Class<?> copied;

        OwnCopyLoader(Class<?> copied, ClassLoader parent) {
            super(parent);
            this.copied = copied;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.equals(this.copied.getName())) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    }
                    catch (IOException ex) {
                        throw new ClassNotFoundException(name, ex);
                    }
                }
                return loaded;
            }
        }
    }
}
