package dev.strata.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of API test classes that share one hundreds-tier server per class. */
public abstract class HundredsTierTest {
    protected static TestServer server;
    protected static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServer.hundreds();
        api = server.client();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
