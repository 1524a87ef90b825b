package dev.strata.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/**
 * Serves one request through a throwaway Javalin on an in-memory connector (no socket is opened), so that the classes
 * of Jetty's start-up and request path, Javalin's pipeline and Jackson's serializers are loaded and linked before the
 * real server starts. Start-up runs it on a second thread while the stores open: on a cold JVM that path otherwise
 * costs the first start and the first request several hundred milliseconds on the critical path.
 */
public final class RequestPathWarmUp {
    private static final String REQUEST = "GET /warm-up HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    private RequestPathWarmUp() {
    }

    public static void run() {
        LocalConnector[] connector = new LocalConnector[1];
        Javalin warmUp = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
            config.jetty.addConnector((server, http) -> connector[0] = new LocalConnector(server));
            config.jetty.modifyServer(server -> server.setHandler(new StatisticsHandler()));
        }).get("/warm-up", ctx -> ctx.json(Map.of("status", "ready", "checks", Map.of("store", "up"))));
        try {
            warmUp.start();
            connector[0].getResponse(REQUEST);
        } catch (Exception e) {
            // only a speed-up: the real server loads whatever this did not
        } finally {
            warmUp.stop();
        }
    }
}
