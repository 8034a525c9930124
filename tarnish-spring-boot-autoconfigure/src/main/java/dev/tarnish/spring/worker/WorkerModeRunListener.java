package dev.tarnish.spring.worker;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.tarnish.Tarnish;
import dev.tarnish.spring.TarnishTask;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The launch hook. In the application it records how workers are to be launched; in a worker
 * (environment variable {@code TARNISH_WORKER} set) it turns the run into a worker run: the
 * {@value TarnishTask#WORKER_PROFILE} profile, the parent's properties where the worker could not
 * read them itself, no web server, lazy beans, a context that runs the task and nothing else of the
 * application ({@link WorkerModeContext}), and, once the context has refreshed, the worker loop
 * instead of the rest of the run, then exit.
 *
 * <p>Registered in {@code META-INF/spring.factories}, so it applies to every
 * {@link SpringApplication} whatever its main method does. It runs before Spring Boot's own run
 * listener, so that the worker's properties are in place before the configuration files are read,
 * and so that the worker serves before the application's started and ready events. A failed start is
 * handled last, by {@link WorkerStartupFailureListener}.
 */
class WorkerModeRunListener implements SpringApplicationRunListener, Ordered {

    private final SpringApplication application;

    private final boolean worker;

    WorkerModeRunListener(SpringApplication application, String[] args) {
        this.application = application;
        this.worker = Tarnish.isWorker();
        if (this.worker) {
            // As early as possible: a worker must not outlive its parent, even while it starts.
            Tarnish.watchParent();
            // Beside the application's start on the main thread, which takes far longer.
            Tarnish.prepareWorker(application.getClassLoader());
            Set<String> profiles = new LinkedHashSet<>(application.getAdditionalProfiles());
            profiles.add(TarnishTask.WORKER_PROFILE);
            application.setAdditionalProfiles(profiles.toArray(String[]::new));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext, ConfigurableEnvironment environment) {
        if (this.worker) {
            ParentProperties.restore(environment, System.getenv());
            WorkerModeProperties.apply(environment);
        }
    }

    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        if (this.worker) {
            WorkerModeContext.configure(context);
        }
    }

    @Override
    public void contextLoaded(ConfigurableApplicationContext context) {
        if (this.worker || context.getBeanFactory().containsSingleton(ApplicationWorkerLaunch.BEAN_NAME)) {
            return;
        }
        // Registered before the bean definitions are processed, for the WorkerLaunch bean to use.
        context.getBeanFactory().registerSingleton(ApplicationWorkerLaunch.BEAN_NAME,
                ApplicationWorkerLaunch.of(this.application, context.getEnvironment()));
    }

    @Override
    public void started(ConfigurableApplicationContext context, Duration timeTaken) {
        if (this.worker) {
            // Serving here, before Spring Boot's started event and the runners, means that no runner
            // and no started or ready event ever happen in a worker.
            new SpringWorker(context).serveAndExit();
        }
    }
}
