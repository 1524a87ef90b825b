package dev.strata.bench.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A bar chart of subject/baseline ratios per scenario (throughput, p99, start-up), with the baseline at 1.0, on a
 * log scale: the ratios run from a few hundredths to tens, and 0.5x and 2x should look equally far from 1.
 */
final class RatioChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 600;

    private RatioChart() {
    }

    static void write(Path png, String title, List<Scenario> scenarios, Measurements m) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Scenario s : scenarios) {
            if (s.skipped()) {
                continue;
            }
            if (s.isStartup()) {
                add(data, m, s, "start_ms", "start-up time");
                add(data, m, s, "rss_mb", "idle RSS");
            } else {
                add(data, m, s, "rps", "throughput");
                add(data, m, s, "p99_us", "p99 latency");
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, "subject / baseline (median of rounds)", data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis ratios = new LogAxis("subject / baseline (median of rounds, log scale)");
        ratios.setBase(10);
        ratios.setSmallestValue(0.01);
        plot.setRangeAxis(ratios);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker baseline = new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(2f));
        baseline.setLabel("baseline = 1.0");
        plot.addRangeMarker(baseline);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void add(DefaultCategoryDataset data, Measurements m, Scenario s, String metric, String series) {
        OptionalDouble subject = m.median(s.id(), "subject", metric);
        OptionalDouble baseline = m.median(s.id(), "baseline", metric);
        if (subject.isPresent() && baseline.isPresent() && baseline.getAsDouble() > 0) {
            data.addValue(subject.getAsDouble() / baseline.getAsDouble(), series, s.id());
        }
    }
}
