package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.HundredsTierTest;
import dev.strata.testing.SlowUpload;
import dev.strata.testing.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends HundredsTierTest {

    @Test
    void replay_returnsTheOriginalStatusAndBody_withoutWritingAgain() {
        String alice = server.token("alice");
        Response first = api.request("PUT", "/v1/users/alice/records/order").token(alice).header("Idempotency-Key", "k-1").body("{\"n\":1}").send();
        Response replay = api.request("PUT", "/v1/users/alice/records/order").token(alice).header("Idempotency-Key", "k-1").body("{\"n\":1}").send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.text()).isEqualTo(first.text());
        assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(api.get("/v1/users/alice/records/order", alice).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBody_gets422() {
        String bob = server.token("bob");
        api.request("PUT", "/v1/users/bob/records/x").token(bob).header("Idempotency-Key", "k-2").body("1").send();
        Response conflict = api.request("PUT", "/v1/users/bob/records/x").token(bob).header("Idempotency-Key", "k-2").body("2").send();
        assertThat(conflict.status()).isEqualTo(422);
        assertThat(api.get("/v1/users/bob/records/x", bob).json().get("value").asInt()).isEqualTo(1);
    }

    @Test
    void keysAreScopedPerUser() {
        String carl = server.token("carl");
        String dora = server.token("dora");
        assertThat(api.request("PUT", "/v1/users/carl/records/x").token(carl).header("Idempotency-Key", "shared").body("1").send().status()).isEqualTo(201);
        assertThat(api.request("PUT", "/v1/users/dora/records/y").token(dora).header("Idempotency-Key", "shared").body("2").send().status()).isEqualTo(201);
    }

    @Test
    void deleteReplay_returns204Again() {
        String ed = server.token("ed");
        api.put("/v1/users/ed/records/gone", ed, "1");
        assertThat(api.request("DELETE", "/v1/users/ed/records/gone").token(ed).header("Idempotency-Key", "del-1").send().status()).isEqualTo(204);
        assertThat(api.request("DELETE", "/v1/users/ed/records/gone").token(ed).header("Idempotency-Key", "del-1").send().status()).isEqualTo(204);
        assertThat(api.request("DELETE", "/v1/users/ed/records/gone").token(ed).send().status()).isEqualTo(404);
    }

    @Test
    void aFailedRequest_freesItsKeyForARetry() {
        String fay = server.token("fay");
        api.put("/v1/users/fay/records/x", fay, "1");
        Response failed = api.request("PUT", "/v1/users/fay/records/x").token(fay).header("Idempotency-Key", "retry-me")
                .header("If-Match", "\"stale\"").body("2").send();
        assertThat(failed.status()).isEqualTo(412);
        Response retried = api.request("PUT", "/v1/users/fay/records/x").token(fay).header("Idempotency-Key", "retry-me").body("2").send();
        assertThat(retried.status()).isEqualTo(200);
    }

    @Test
    void concurrentDuplicate_gets409_whileTheFirstIsStillRunning() throws Exception {
        String gil = server.token("gil");
        try (SlowUpload first = SlowUpload.start(server.app().port(), "/v1/users/gil/blobs/big", gil,
                "Idempotency-Key: upload-1\r\n", 20_000, 10_000)) {
            Awaitility.await().untilAsserted(() -> assertThat(api.request("PUT", "/v1/users/gil/blobs/big").token(gil)
                    .header("Idempotency-Key", "upload-1").body(new byte[20_000], "application/octet-stream").send().status()).isEqualTo(409));
            SlowUpload.RawResponse original = first.finish(10_000);
            assertThat(original.status()).isEqualTo(201);
            assertThat(original.body()).contains("\"size\":20000");

            Response replay = api.request("PUT", "/v1/users/gil/blobs/big").token(gil).header("Idempotency-Key", "upload-1")
                    .body(new byte[20_000], "application/octet-stream").send();
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.text()).isEqualTo(original.body());
        }
        Response otherBytes = api.request("PUT", "/v1/users/gil/blobs/big").token(gil).header("Idempotency-Key", "upload-1")
                .body(new byte[20_001], "application/octet-stream").send();
        assertThat(otherBytes.status()).isEqualTo(422);
    }
}
