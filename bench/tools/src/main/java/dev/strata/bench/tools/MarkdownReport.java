package dev.strata.bench.tools;

import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The results as markdown: one table for request scenarios, one for start-up, then the JMH figures. */
final class MarkdownReport {
    private final Measurements m;

    MarkdownReport(Measurements m) {
        this.m = m;
    }

    String render(String header, List<Scenario> scenarios, List<JmhResults.Row> jmh) {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| scenario | throughput (req/s) | p50 | p99 | baseline | baseline req/s | baseline p50 | baseline p99 "
                + "| ratio req/s | ratio p99 | target | result |\n");
        out.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Scenario s : scenarios) {
            if (!s.isStartup()) {
                out.append(requestRow(s)).append('\n');
            }
        }
        out.append("\n| start-up | ready (ms) | idle RSS (MB) | baseline | baseline ready (ms) | baseline RSS (MB) "
                + "| ratio ready | ratio RSS | target | result |\n");
        out.append("|---|---:|---:|---|---:|---:|---:|---:|---|---|\n");
        for (Scenario s : scenarios) {
            if (s.isStartup()) {
                out.append(startupRow(s)).append('\n');
            }
        }
        if (!jmh.isEmpty()) {
            out.append("\n| JMH benchmark | mode | score | error (99.9%) | unit |\n|---|---|---:|---:|---|\n");
            for (JmhResults.Row r : jmh) {
                out.append(String.format("| %s | %s | %.3f | %.3f | %s |%n", r.benchmark(), r.mode(), r.score(), r.error(), r.unit()));
            }
        }
        return out.toString();
    }

    private String requestRow(Scenario s) {
        if (s.skipped()) {
            return "| " + s.title() + " | " + s.status() + " | | | " + s.baseline() + baselineOnly(s) + " | | | " + targets(s) + " | skipped |";
        }
        return String.join(" | ", "| " + s.title(), number(s, "subject", "rps"), millis(s, "subject", "p50_us"),
                millis(s, "subject", "p99_us"), s.baseline(), number(s, "baseline", "rps"), millis(s, "baseline", "p50_us"),
                millis(s, "baseline", "p99_us"), ratio(s, "rps"), ratio(s, "p99_us"), targets(s), verdict(s)) + " |";
    }

    /** A skipped scenario whose baseline still ran (pgbench) shows the baseline figures. */
    private String baselineOnly(Scenario s) {
        return " | " + number(s, "baseline", "rps") + " | " + millis(s, "baseline", "p50_us") + " | " + millis(s, "baseline", "p99_us");
    }

    private String startupRow(Scenario s) {
        return String.join(" | ", "| " + s.title(), number(s, "subject", "start_ms"), number(s, "subject", "rss_mb"),
                s.baseline(), number(s, "baseline", "start_ms"), number(s, "baseline", "rss_mb"), ratio(s, "start_ms"),
                ratio(s, "rss_mb"), targets(s), verdict(s)) + " |";
    }

    private String number(Scenario s, String side, String metric) {
        OptionalDouble v = m.median(s.id(), side, metric);
        return v.isPresent() ? String.format("%,.0f", v.getAsDouble()) : "–";
    }

    private String millis(Scenario s, String side, String metric) {
        OptionalDouble v = m.median(s.id(), side, metric);
        return v.isPresent() ? String.format("%.2f ms", v.getAsDouble() / 1000) : "–";
    }

    private String ratio(Scenario s, String metric) {
        OptionalDouble subject = m.median(s.id(), "subject", metric);
        OptionalDouble baseline = m.median(s.id(), "baseline", metric);
        return subject.isPresent() && baseline.isPresent() && baseline.getAsDouble() > 0
                ? String.format("%.2fx", subject.getAsDouble() / baseline.getAsDouble()) : "–";
    }

    private static String targets(Scenario s) {
        return s.targets().isEmpty() ? "report only" : s.targets().stream().map(Target::toString).collect(Collectors.joining("; "));
    }

    static String verdict(Scenario s, Measurements m) {
        if (s.skipped()) {
            return "skipped";
        }
        if (s.targets().isEmpty()) {
            return "–";
        }
        StringBuilder misses = new StringBuilder();
        for (Target t : s.targets()) {
            OptionalDouble v = t.measured(m, s.id());
            if (v.isEmpty()) {
                return "no data";
            }
            if (!t.isMetBy(v.getAsDouble())) {
                misses.append(misses.isEmpty() ? "" : ", ").append(t.metric());
            }
        }
        return misses.isEmpty() ? "**pass**" : "**FAIL** (" + misses + ")";
    }

    private String verdict(Scenario s) {
        return verdict(s, m);
    }
}
