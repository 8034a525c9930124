package dev.tarnish.spring.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When workers re-run the application's command line, and when they boot its configuration with
 * {@link SpringWorkerMain}.
 */
class ApplicationWorkerLaunchTests {

    @Test
    void whenJvmMainIsTheApplicationShouldRerunIt() {
        assertThat(ApplicationWorkerLaunch.rerunsApplication("com.example.App", "com.example.App")).isTrue();
    }

    @Test
    void whenJvmMainIsTheBootLauncherShouldRerunIt() {
        assertThat(ApplicationWorkerLaunch.rerunsApplication("org.springframework.boot.loader.launch.JarLauncher",
                "com.example.App")).isTrue();
    }

    @Test
    void whenJvmMainIsATestRunnerShouldUseWorkerMain() {
        assertThat(ApplicationWorkerLaunch.rerunsApplication("org.apache.maven.surefire.booter.ForkedBooter",
                "com.example.AppTests")).isFalse();
        // Spring deduces the runner as the main class when a test calls SpringApplication.run itself.
        assertThat(ApplicationWorkerLaunch.rerunsApplication("org.apache.maven.surefire.booter.ForkedBooter",
                "org.apache.maven.surefire.booter.ForkedBooter")).isFalse();
        assertThat(ApplicationWorkerLaunch.rerunsApplication("com.intellij.rt.junit.JUnitStarter",
                "com.example.AppTests")).isFalse();
    }

    @Test
    void whenApplicationHasNoMainClassShouldUseWorkerMain() {
        assertThat(ApplicationWorkerLaunch.rerunsApplication("com.example.App", null)).isFalse();
    }
}
