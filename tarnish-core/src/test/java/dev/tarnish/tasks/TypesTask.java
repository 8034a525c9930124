package dev.tarnish.tasks;

import java.util.List;
import java.util.Map;

import dev.tarnish.Task;

/**
 * Round-trips records with nested generic collections, to prove the declared types are kept.
 */
public class TypesTask implements Task<TypesTask.Order, TypesTask.Receipt> {

    @Override
    public Receipt run(Order order) {
        long total = order.lines().stream().mapToLong((line) -> line.quantity() * line.priceCents()).sum();
        return new Receipt(order.id(), total, Map.of("lines", order.lines().size()), order.tags(), order.blob());
    }

    public record Line(String sku, int quantity, long priceCents) {
    }

    public record Order(String id, List<Line> lines, Map<String, List<Integer>> tags, byte[] blob, Double discount) {
    }

    public record Receipt(String orderId, long totalCents, Map<String, Integer> counts, Map<String, List<Integer>> tags,
            byte[] blob) {
    }
}
