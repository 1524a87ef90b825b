package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ApiClient;
import dev.strata.testing.ApiClient.Response;
import dev.strata.testing.HundredsTierTest;
import dev.strata.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsApiTest extends HundredsTierTest {

    @Test
    void put_new_returns201WithLocationAndEtag_thenGetReturnsIt() {
        String alice = server.token("alice");
        Response created = api.put("/v1/users/alice/records/profile", alice, "{\"name\":\"Alice\",\"tags\":[1,2]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/users/alice/records/profile");
        assertThat(created.header("ETag")).startsWith("\"1.");
        assertThat(created.json().get("value").get("name").asText()).isEqualTo("Alice");

        Response read = api.get("/v1/users/me/records/profile", alice);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(read.json().get("version").asLong()).isEqualTo(1);
        assertThat(read.json().get("value").toString()).isEqualTo("{\"name\":\"Alice\",\"tags\":[1,2]}");
    }

    @Test
    void put_existing_returns200AndBumpsVersion_andGetNeverSeesOlderVersion() {
        String bob = server.token("bob");
        api.put("/v1/users/bob/records/counter", bob, "1");
        for (int i = 2; i <= 20; i++) {
            Response replaced = api.put("/v1/users/bob/records/counter", bob, String.valueOf(i));
            assertThat(replaced.status()).isEqualTo(200);
            Response read = api.get("/v1/users/bob/records/counter", bob);
            assertThat(read.json().get("version").asLong()).isEqualTo(i);
            assertThat(read.json().get("value").asInt()).isEqualTo(i);
        }
    }

    @Test
    void put_withStaleIfMatch_returns412_andChangesNothing() {
        String carol = server.token("carol");
        String v1 = api.put("/v1/users/carol/records/doc", carol, "\"one\"").header("ETag");
        String v2 = api.request("PUT", "/v1/users/carol/records/doc").token(carol).header("If-Match", v1).body("\"two\"").send().header("ETag");
        Response stale = api.request("PUT", "/v1/users/carol/records/doc").token(carol).header("If-Match", v1).body("\"three\"").send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/v1/users/carol/records/doc", carol).json().get("value").asText()).isEqualTo("two");
        assertThat(api.get("/v1/users/carol/records/doc", carol).header("ETag")).isEqualTo(v2);
    }

    @Test
    void put_withIfNoneMatchStar_createsOnlyOnce() {
        String dave = server.token("dave");
        assertThat(api.request("PUT", "/v1/users/dave/records/once").token(dave).header("If-None-Match", "*").body("1").send().status()).isEqualTo(201);
        assertThat(api.request("PUT", "/v1/users/dave/records/once").token(dave).header("If-None-Match", "*").body("2").send().status()).isEqualTo(412);
        assertThat(api.get("/v1/users/dave/records/once", dave).json().get("value").asInt()).isEqualTo(1);
    }

    @Test
    void get_withMatchingIfNoneMatch_returns304() {
        String erin = server.token("erin");
        String etag = api.put("/v1/users/erin/records/k", erin, "{}").header("ETag");
        Response notModified = api.request("GET", "/v1/users/erin/records/k").token(erin).header("If-None-Match", etag).send();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.bytes()).isEmpty();
        assertThat(api.request("GET", "/v1/users/erin/records/k").token(erin).header("If-None-Match", "\"other\"").send().status()).isEqualTo(200);
    }

    @Test
    void delete_removes_thenGetIs404_andDeleteAgainIs404() {
        String frank = server.token("frank");
        api.put("/v1/users/frank/records/gone", frank, "true");
        assertThat(api.delete("/v1/users/frank/records/gone", frank).status()).isEqualTo(204);
        assertThat(api.get("/v1/users/frank/records/gone", frank).status()).isEqualTo(404);
        assertThat(api.delete("/v1/users/frank/records/gone", frank).status()).isEqualTo(404);
    }

    @Test
    void delete_withStaleIfMatch_returns412() {
        String gina = server.token("gina");
        String v1 = api.put("/v1/users/gina/records/k", gina, "1").header("ETag");
        api.put("/v1/users/gina/records/k", gina, "2");
        assertThat(api.request("DELETE", "/v1/users/gina/records/k").token(gina).header("If-Match", v1).send().status()).isEqualTo(412);
        assertThat(api.get("/v1/users/gina/records/k", gina).status()).isEqualTo(200);
    }

    @Test
    void recreatedRecord_neverRepeatsAnEtagOfItsEarlierLife() {
        String hal = server.token("hal");
        String first = api.put("/v1/users/hal/records/k", hal, "1").header("ETag");
        api.delete("/v1/users/hal/records/k", hal);
        String second = api.put("/v1/users/hal/records/k", hal, "2").header("ETag");
        assertThat(second).isNotEqualTo(first);
        assertThat(api.request("PUT", "/v1/users/hal/records/k").token(hal).header("If-Match", first).body("3").send().status()).isEqualTo(412);
    }

    @Test
    void list_pagesByKeyWithPrefixAndCursor() {
        String ivy = server.token("ivy");
        for (int i = 0; i < 25; i++) {
            api.put("/v1/users/ivy/records/note-" + String.format("%02d", i), ivy, "{\"n\":" + i + "}");
        }
        api.put("/v1/users/ivy/records/other", ivy, "0");
        api.put("/v1/users/ivy/records/note_x", ivy, "0");

        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get("/v1/users/ivy/records?prefix=note-&limit=10" + (cursor == null ? "" : "&cursor=" + cursor), ivy);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> keys.add(item.get("key").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(keys).hasSize(25).isSorted().allMatch(k -> k.startsWith("note-"));
    }

    @Test
    void list_prefixWithLikeWildcards_isMatchedLiterally() {
        String jon = server.token("jon");
        api.put("/v1/users/jon/records/a%25b", jon, "1");
        api.put("/v1/users/jon/records/a_b", jon, "1");
        api.put("/v1/users/jon/records/axb", jon, "1");
        Response percent = api.get("/v1/users/jon/records?prefix=a%25", jon);
        assertThat(percent.json().get("items")).hasSize(1);
        assertThat(percent.json().get("items").get(0).get("key").asText()).isEqualTo("a%b");
        Response underscore = api.get("/v1/users/jon/records?prefix=a_", jon);
        assertThat(underscore.json().get("items")).hasSize(1);
        assertThat(underscore.json().get("items").get(0).get("key").asText()).isEqualTo("a_b");
    }

    @Test
    void keys_areNfcNormalised_soTwoSpellingsNameOneRecord() {
        String kim = server.token("kim");
        String composed = "caf%C3%A9";
        String decomposed = "cafe%CC%81";
        assertThat(api.put("/v1/users/kim/records/" + composed, kim, "1").status()).isEqualTo(201);
        assertThat(api.put("/v1/users/kim/records/" + decomposed, kim, "2").status()).isEqualTo(200);
        assertThat(api.get("/v1/users/kim/records?prefix=caf", kim).json().get("items")).hasSize(1);
    }
}
