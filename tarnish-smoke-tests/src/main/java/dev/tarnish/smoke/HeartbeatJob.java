package dev.tarnish.smoke;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** A Quartz job every 500 ms: in the application only, never once per worker. */
public class HeartbeatJob extends QuartzJobBean {

    private final Journal journal;

    /**
     * Created by Spring's job factory for each run.
     * @param journal the journal
     */
    public HeartbeatJob(Journal journal) {
        this.journal = journal;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        this.journal.write("quartz");
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail heartbeatJobDetail() {
            return JobBuilder.newJob(HeartbeatJob.class).withIdentity("heartbeat").storeDurably().build();
        }

        @Bean
        Trigger heartbeatTrigger(JobDetail heartbeatJobDetail) {
            return TriggerBuilder.newTrigger().forJob(heartbeatJobDetail).withIdentity("heartbeat")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever().withIntervalInMilliseconds(500))
                .build();
        }
    }
}
