package dev.tarnish.smoke;

import dev.tarnish.spring.Isolated;

import org.springframework.stereotype.Service;

/**
 * A service with one method isolated by annotation, as an application would write it: the bean exists
 * in the application, and the method runs in a worker of its own.
 */
@Service
public class Pricing {

    private final Journal journal;

    Pricing(Journal journal) {
        this.journal = journal;
    }

    /**
     * Prices an item, in a worker.
     * @param sku the item
     * @param quantity how many
     * @return the quote
     */
    @Isolated
    public Quote quote(String sku, int quantity) {
        this.journal.write("quote", sku);
        return new Quote(sku, quantity * 250L, ProcessHandle.current().pid());
    }

    /**
     * A price.
     * @param sku the item
     * @param cents the price
     * @param pid the process that priced it
     */
    public record Quote(String sku, long cents, long pid) {
    }
}
