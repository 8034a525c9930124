package dev.tarnish.smoke;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** A Spring Batch job that Spring Boot runs at start-up ({@code spring.batch.job.enabled} left at its default). */
@Configuration(proxyBeanMethods = false)
class ImportJobConfiguration {

    @Bean
    Job importJob(JobRepository jobRepository, Step importStep) {
        return new JobBuilder("importJob", jobRepository).start(importStep).build();
    }

    @Bean
    Step importStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, Journal journal) {
        return new StepBuilder("importStep", jobRepository).tasklet((contribution, chunk) -> {
            journal.write("batch");
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }
}
