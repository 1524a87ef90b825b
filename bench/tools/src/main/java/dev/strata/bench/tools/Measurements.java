package dev.strata.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every value run.sh measured, read from {@code runs.csv} (lines {@code scenario|side|round|metric|value}),
 * answered as the median over rounds.
 */
final class Measurements {
    private final Map<String, List<Double>> values = new HashMap<>();

    static Measurements read(Path csv) throws IOException {
        Measurements m = new Measurements();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|");
            m.values.computeIfAbsent(key(f[0], f[1], f[3]), k -> new ArrayList<>()).add(Double.parseDouble(f[4]));
        }
        return m;
    }

    /** The median over rounds, empty when that side of the scenario never ran. */
    OptionalDouble median(String scenario, String side, String metric) {
        List<Double> list = values.get(key(scenario, side, metric));
        if (list == null || list.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    }

    int rounds(String scenario, String side, String metric) {
        return values.getOrDefault(key(scenario, side, metric), List.of()).size();
    }

    private static String key(String scenario, String side, String metric) {
        return scenario + "|" + side + "|" + metric;
    }
}
