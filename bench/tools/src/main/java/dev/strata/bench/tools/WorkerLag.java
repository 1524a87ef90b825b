package dev.strata.bench.tools;

import java.awt.Color;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Whether the workers keep up: queued PUTs at a fixed rate (open loop, so a slow answer does not slow the offered
 * load) for SECONDS, while the worker's {@code strata_queue_consumer_lag} is read from {@code /metrics} every second.
 * Prints a WRK_JSON line for the PUTs (see {@link LoadLoop}) and a {@code LAG_JSON} line: the mean lag over the first
 * and the last {@value #WINDOW_S} seconds and their difference as a share of everything sent ({@code growth_pct}:
 * flat is close to 0, a worker falling behind makes it grow with the run). Writes the lag over time as a PNG.
 *
 * <p>Usage: {@code WorkerLag BASE_URL RATE SECONDS CHART_PNG}; STRATA_TOKEN is the bearer token.
 */
public final class WorkerLag {
    private static final int WINDOW_S = 10;
    private static final String LAG_METRIC = "strata_queue_consumer_lag{";

    private WorkerLag() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path chart = Path.of(args[3]);
        String token = System.getenv("STRATA_TOKEN");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<double[]> lag = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            long seq = sent.getAndIncrement();
            long t0 = System.nanoTime();
            client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/users/me/records/lag-" + seq))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"counter\":" + seq + "}")).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error == null && response.statusCode() == 202) {
                            latencies.add((System.nanoTime() - t0) / 1000);
                        } else {
                            failed.incrementAndGet();
                        }
                    });
        }, 0, Math.max(1, (long) (1e9 / rate)), TimeUnit.NANOSECONDS);
        for (int s = 1; s <= seconds; s++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + s * 1_000_000_000L - System.nanoTime()));
            lag.add(new double[] {s, consumerLag(client, base)});
        }
        timer.shutdownNow();
        double elapsed = (System.nanoTime() - start) / 1e9;
        TimeUnit.SECONDS.sleep(2); // answers still in flight

        if (meanLag(lag.subList(0, WINDOW_S)) < 0 || meanLag(lag.subList(lag.size() - WINDOW_S, lag.size())) < 0) {
            System.err.println(base + "/metrics showed no " + LAG_METRIC + "...} gauge: is a worker running there?");
            System.exit(1);
        }
        LoadLoop.print(latencies.stream().mapToLong(Long::longValue).toArray(), elapsed, failed.get());
        double first = meanLag(lag.subList(0, WINDOW_S));
        double last = meanLag(lag.subList(lag.size() - WINDOW_S, lag.size()));
        double growthPct = Math.max(0, last - first) / Math.max(1, sent.get()) * 100;
        System.out.println(String.format(Locale.ROOT,
                "LAG_JSON {\"rate\":%.1f,\"sent\":%d,\"lag_first\":%.1f,\"lag_last\":%.1f,\"growth_pct\":%.3f,\"lag_max\":%.0f}",
                rate, sent.get(), first, last, growthPct, lag.stream().mapToDouble(p -> p[1]).max().orElse(0)));
        writeChart(chart, lag, rate);
        System.exit(0); // the HTTP client's threads would hold the JVM
    }

    /** The sum over partitions of the worker's lag gauge; -1 when /metrics did not answer or has no such gauge. */
    private static double consumerLag(HttpClient client, String base) {
        try {
            String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<String> gauges = metrics.lines().filter(line -> line.startsWith(LAG_METRIC)).toList();
            return gauges.isEmpty() ? -1
                    : gauges.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The mean of the samples that were read; -1 when none was. */
    private static double meanLag(List<double[]> samples) {
        return samples.stream().mapToDouble(p -> p[1]).filter(v -> v >= 0).average().orElse(-1);
    }

    private static void writeChart(Path png, List<double[]> lag, double rate) throws IOException {
        XYSeries series = new XYSeries("queued writes not yet applied");
        lag.forEach(p -> series.add(p[0], p[1]));
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format(Locale.ROOT, "Worker lag under %.0f queued PUT/s (open loop)", rate), "seconds",
                "consumer lag (messages)", new XYSeriesCollection(series), PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeMinimumSize(10);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 450);
    }
}
