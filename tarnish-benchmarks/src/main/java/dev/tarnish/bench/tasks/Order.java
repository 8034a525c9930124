package dev.tarnish.bench.tasks;

import java.io.Serializable;

/**
 * The "record of about ten fields" of the small-call benchmarks. Serializable so that the baselines
 * that use Java serialization (RMI, pp4j, out-process, a JVM per call) can carry it too.
 *
 * @param id an id
 * @param customer a customer name
 * @param sku an article number
 * @param quantity a quantity
 * @param price a price
 * @param express whether it ships express
 * @param createdAt epoch milliseconds
 * @param currency a currency code
 * @param priority a priority
 * @param note a free-text note
 */
public record Order(long id, String customer, String sku, int quantity, double price, boolean express,
        long createdAt, String currency, int priority, String note) implements Serializable {

    /**
     * Returns the sample order every benchmark sends.
     * @return the order
     */
    public static Order sample() {
        return new Order(4_711L, "ACME Corporation", "SKU-000123-XL", 3, 19.99, true, 1_767_225_600_000L, "EUR", 2,
                "leave at the door");
    }
}
