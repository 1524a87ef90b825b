package dev.strata.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.auth.TokenVerifier;
import dev.strata.domain.NameRules;
import dev.strata.port.RateLimiter;
import dev.strata.service.BlobService;
import dev.strata.service.RecordService;
import dev.strata.service.RequestService;
import dev.strata.service.UserService;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/** The HTTP edge: builds the Javalin app, binds every route to its controller, and runs it. */
public final class HttpApi {

    /** What the routes serve. */
    public record Services(RecordService records, BlobService blobs, UserService users, RequestService requests,
                           NameRules names, int maxRecordBytes) {
    }

    /**
     * What the edge needs besides the services.
     *
     * @param servesApi false for the worker role, which serves only probes, metrics and documents
     */
    public record Edge(boolean servesApi, TokenVerifier tokens, RateLimiter rateLimiter, AdmissionControl admission, Readiness readiness,
                       List<Dependency> dependencies, Supplier<Map<String, Object>> topology,
                       PrometheusMeterRegistry registry, Duration idleTimeout, Duration drainTimeout) {
    }

    /** One route: an HTTP method and a path template. */
    public record Route(String method, String path) {
    }

    private final Javalin app;
    private final List<Route> routes = new ArrayList<>();
    private static final Duration STREAM_POLL = Duration.ofMillis(200);

    private final Edge edge;
    private final Access access;
    private final RequestStream requestStream;

    public HttpApi(Services services, Edge edge) {
        this.edge = edge;
        RequestObserver observer = new RequestObserver(edge.registry());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.http.prefer405over404 = true;
            config.http.disableCompression();
            config.router.ignoreTrailingSlashes = true;
            config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
            config.requestLogger.http(observer::end);
            config.jetty.modifyServer(server -> {
                // Javalin mounts its servlet inside this handler; Jetty then stops gracefully: it stops
                // accepting, lets requests in flight finish and flush their responses, then closes connections.
                server.setHandler(new StatisticsHandler());
                server.setStopTimeout(edge.drainTimeout().toMillis());
            });
        });
        app.before(observer::begin);
        this.access = new Access(edge.tokens(), edge.rateLimiter());
        ErrorMapping.register(app);
        this.requestStream = new RequestStream(services.requests(), access, STREAM_POLL);
        if (edge.servesApi()) {
            bindApi(services, edge);
            requestStream.register(app);
            routes.add(new Route("GET", RequestStream.PATH));
        }
        bindProbes(edge);
    }

    private void bindApi(Services s, Edge edge) {
        Acknowledgements acks = new Acknowledgements(s.requests());
        RecordController records = new RecordController(s.records(), s.names(), s.maxRecordBytes(), acks);
        BlobController blobs = new BlobController(s.blobs(), s.names(), acks);
        UserController users = new UserController(s.users());
        RequestController requests = new RequestController(s.requests());
        AdminController admin = new AdminController(edge.topology());

        api(HandlerType.GET, "/v1/users/{u}/records", records::list);
        api(HandlerType.GET, "/v1/users/{u}/records/{key}", records::get);
        api(HandlerType.PUT, "/v1/users/{u}/records/{key}", records::put);
        api(HandlerType.DELETE, "/v1/users/{u}/records/{key}", records::delete);
        api(HandlerType.GET, "/v1/users/{u}/blobs", blobs::list);
        blobApi(HandlerType.GET, "/v1/users/{u}/blobs/{name}", blobs::get);
        blobApi(HandlerType.HEAD, "/v1/users/{u}/blobs/{name}", blobs::head);
        blobApi(HandlerType.PUT, "/v1/users/{u}/blobs/{name}", blobs::put);
        blobApi(HandlerType.DELETE, "/v1/users/{u}/blobs/{name}", blobs::delete);
        api(HandlerType.GET, "/v1/users/{u}/usage", users::usage);
        api(HandlerType.DELETE, "/v1/users/{u}", users::erase);
        api(HandlerType.GET, "/v1/requests/{id}", requests::get);
        api(HandlerType.GET, "/v1/admin/topology", admin::topology);
    }

    private void bindProbes(Edge edge) {
        HealthController health = new HealthController(edge.readiness(), edge.dependencies());
        DocsController docs = new DocsController();
        probe(HandlerType.GET, "/health/live", health::live);
        probe(HandlerType.GET, "/health/ready", health::ready);
        probe(HandlerType.GET, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(edge.registry().scrape()));
        probe(HandlerType.GET, "/openapi.yaml", docs::openApi);
    }

    /** An API route: authenticated, then counted against the concurrency bound. */
    private void api(HandlerType method, String path, Handler handler) {
        probe(method, path, access.authenticated(edge.admission().guard(handler)));
    }

    /** A route that talks to the blob store: authenticated, then counted against the concurrency bound and the blob bulkhead. */
    private void blobApi(HandlerType method, String path, Handler handler) {
        probe(method, path, access.authenticated(edge.admission().guardBlobs(handler)));
    }

    /** A probe or document route: always answered, so health checks work under overload. */
    private void probe(HandlerType method, String path, Handler handler) {
        app.addHttpHandler(method, path, handler);
        routes.add(new Route(method.name(), path));
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public HttpApi start(String host, int port) {
        app.start(host, port);
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector server) {
                server.setIdleTimeout(edge.idleTimeout().toMillis());
            }
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        requestStream.close();
        app.stop();
    }
}
