package dev.tarnish.spring.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tarnish.Tarnish;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The launch hook. In the application it records how workers are to be launched; in a worker
 * (environment variable {@code TARNISH_WORKER} set) it turns the run into a worker run: no web
 * server, lazy beans, no scheduled jobs, and, once the context has started, the worker loop instead
 * of the runners, then exit.
 *
 * <p>Registered in {@code META-INF/spring.factories}, so it applies to every
 * {@link SpringApplication} whatever its main method does.
 */
class WorkerModeRunListener implements SpringApplicationRunListener {

    private static final String PROPERTY_SOURCE_NAME = "tarnishWorkerMode";

    private final SpringApplication application;

    private final boolean worker;

    WorkerModeRunListener(SpringApplication application, String[] args) {
        this.application = application;
        this.worker = Tarnish.isWorker();
        if (this.worker) {
            // As early as possible: a worker must not outlive its parent, even while it starts.
            Tarnish.watchParent();
        }
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext, ConfigurableEnvironment environment) {
        if (!this.worker || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        // spring.main.* is bound to the application right after this callback, so these win over
        // the application's own configuration.
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.lazy-initialization", "true");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.jmx.enabled", "false");
        properties.put("spring.devtools.restart.enabled", "false");
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
    }

    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        if (this.worker) {
            context.addBeanFactoryPostProcessor(new WorkerModeBeanFactoryPostProcessor());
        }
        else if (!context.getBeanFactory().containsSingleton(ApplicationWorkerLaunch.BEAN_NAME)) {
            context.getBeanFactory().registerSingleton(ApplicationWorkerLaunch.BEAN_NAME,
                    ApplicationWorkerLaunch.of(this.application, context.getEnvironment()));
        }
    }

    @Override
    public void started(ConfigurableApplicationContext context, Duration timeTaken) {
        if (this.worker) {
            // Serving here, before the runners, means no runner and no ready event ever happen.
            new SpringWorker(context).serveAndExit();
        }
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        if (this.worker) {
            SpringWorker.failStartup(exception);
        }
    }
}
