package dev.tarnish.smoke;

import java.util.Arrays;
import java.util.List;

import dev.tarnish.Task;
import dev.tarnish.spring.TarnishTask;
import jakarta.annotation.PostConstruct;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.Type;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The isolated task: it needs the database (a {@code JdbcTemplate}, JPA) and nothing else of the application. */
@TarnishTask(name = "inventory")
public class InventoryTask implements Task<String, InventoryReport> {

    private final JdbcTemplate jdbc;

    private final Journal journal;

    private final Environment environment;

    private final ConfigurableListableBeanFactory beanFactory;

    private final EntityManagerFactory entityManagerFactory;

    /**
     * Creates the task in the worker.
     * @param jdbc the worker's database
     * @param journal the journal
     * @param environment the worker's environment
     * @param beanFactory the worker's beans
     * @param entityManagerFactory the worker's JPA, built without touching the schema
     */
    public InventoryTask(JdbcTemplate jdbc, Journal journal, Environment environment,
            ConfigurableListableBeanFactory beanFactory, EntityManagerFactory entityManagerFactory) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.environment = environment;
        this.beanFactory = beanFactory;
        this.entityManagerFactory = entityManagerFactory;
    }

    /** Once per worker, before it serves: where a model or a native library would be loaded. */
    @PostConstruct
    void load() {
        this.journal.write("task-init");
    }

    @Override
    public InventoryReport run(String item) {
        List<String> tables = this.jdbc.queryForList(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME",
                String.class);
        List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
        return new InventoryReport(ProcessHandle.current().pid(),
                Arrays.asList(this.environment.getActiveProfiles()), this.environment.getProperty("smoke.role"),
                this.environment.getProperty("smoke.test-property"), this.environment.getProperty("smoke.dynamic-property"),
                tables, threads, this.beanFactory.containsBeanDefinition("neverInWorker"),
                this.entityManagerFactory.getMetamodel().getEntities().stream().map(Type::getJavaType)
                    .map(Class::getSimpleName).sorted().toList(),
                item);
    }
}
