package dev.tarnish.spring;

import dev.tarnish.SupervisedProcess;
import dev.tarnish.WorkerLaunch;
import dev.tarnish.spring.worker.ApplicationWorkerLaunch;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of tarnish: one {@code IsolatedProcess} bean per {@link TarnishTask}, and how
 * their workers are launched. Off with {@code tarnish.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "tarnish.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TarnishProperties.class)
public final class TarnishAutoConfiguration {

    /** Static: it registers bean definitions, so it must exist before any regular bean. */
    @Bean
    static TarnishTaskRegistrar tarnishTaskRegistrar() {
        return new TarnishTaskRegistrar();
    }

    @Bean
    @ConditionalOnMissingBean
    WorkerLaunch tarnishWorkerLaunch(ObjectProvider<ApplicationWorkerLaunch> application) {
        ApplicationWorkerLaunch launch = application.getIfAvailable();
        // Without a SpringApplication (a bare context) only the library's plain worker can run a task.
        return (launch != null) ? launch.launch() : WorkerLaunch.libraryWorker();
    }

    @Bean
    static TarnishWorkersStarter tarnishWorkersStarter(ConfigurableListableBeanFactory beanFactory) {
        return new TarnishWorkersStarter(beanFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    TarnishProcesses tarnishProcesses(ObjectProvider<SupervisedProcess<?>> processes) {
        return new TarnishProcesses(processes);
    }
}
