package dev.tarnish.smoke;

import dev.tarnish.IsolatedProcess;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code smoke.check-on-start=true}, asks the task once the application has started and writes
 * its report to the journal as JSON ({@code report <pid> <json>}): how a test of the packaged jar
 * sees into the worker.
 */
@Component
@ConditionalOnBooleanProperty("smoke.check-on-start")
class InventoryCheck implements ApplicationRunner {

    private final IsolatedProcess<InventoryTask> inventory;

    private final Pricing pricing;

    private final Journal journal;

    InventoryCheck(IsolatedProcess<InventoryTask> inventory, Pricing pricing, Journal journal) {
        this.inventory = inventory;
        this.pricing = pricing;
        this.journal = journal;
    }

    @Override
    public void run(ApplicationArguments args) {
        InventoryReport report = this.inventory.call("on-start");
        this.journal.write("report", JsonMapper.builder().build().writeValueAsString(report));
        Pricing.Quote quote = this.pricing.quote("sku-1", 3);
        this.journal.write("quoted", quote.cents() + " " + quote.pid());
    }
}
