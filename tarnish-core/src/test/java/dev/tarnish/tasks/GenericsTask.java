package dev.tarnish.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tarnish.Task;

/**
 * Nested generics in and out.
 */
public class GenericsTask implements Task<Map<String, List<Integer>>, List<Map<String, Integer>>> {

    @Override
    public List<Map<String, Integer>> run(Map<String, List<Integer>> input) {
        List<Map<String, Integer>> out = new ArrayList<>();
        input.forEach((key, values) -> out.add(Map.of(key, values.stream().mapToInt(Integer::intValue).sum())));
        return out;
    }
}
