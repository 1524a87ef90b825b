package dev.strata.bench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rows of a JMH {@code -rf json} result file. */
final class JmhResults {
    record Row(String benchmark, String mode, double score, double error, String unit) {
    }

    private JmhResults() {
    }

    static List<Row> read(Path json) throws IOException {
        if (!Files.exists(json)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
            String name = b.get("benchmark").asText();
            JsonNode metric = b.get("primaryMetric");
            rows.add(new Row(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), b.get("mode").asText(),
                    metric.get("score").asDouble(), metric.get("scoreError").asDouble(), metric.get("scoreUnit").asText()));
        }
        return rows;
    }
}
