package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.auth.Caller;
import dev.strata.auth.HmacTokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void serve_withABadTierFile_exits2WithOneClearLine() throws Exception {
        Path bad = Files.createTempFile("tier", ".yaml");
        Files.writeString(bad, "tier: broken\nserver: {port: 99999}\nauth: {}\nstore: {type: h2}\nblobs: {type: filesystem}\n");
        Run run = run("serve", "--config", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("strata: configuration error: server.port: must be between 0 and 65535, got 99999");
    }

    @Test
    void serve_withAnUnknownAdapter_listsTheAllowedOnes() throws Exception {
        Path tier = Files.createTempFile("tier", ".yaml");
        Files.writeString(tier, "tier: t\nserver: {port: 0}\nauth: {}\nstore: {type: h2}\nblobs: {type: ftp}\n");
        Run run = run("serve", "--config", tier.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("strata: configuration error: blobs.type: unknown value 'ftp'; allowed: filesystem, s3");
    }

    @Test
    void serve_withAMissingFile_exits2() {
        Run run = run("serve", "--config", "no/such/tier.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("strata: configuration error: no/such/tier.yaml: no such file");
    }

    @Test
    void token_printsAJwtThatTheTierAccepts() throws Exception {
        Path dataDir = Files.createTempDirectory("strata-token");
        Path tier = Files.createTempFile("tier", ".yaml");
        Files.writeString(tier, "tier: t\ndataDir: " + dataDir + "\nserver: {port: 0}\nauth: {}\nstore: {type: h2}\nblobs: {type: filesystem}\n");
        Run run = run("token", "--config", tier.toString(), "--user", "alice", "--admin", "--ttl", "15m");
        assertThat(run.exitCode()).isEqualTo(0);
        String secret = Files.readString(dataDir.resolve("jwt-secret"));
        Caller caller = new HmacTokens(secret, "strata", "strata", Clock.systemUTC()).verify(run.out().strip());
        assertThat(caller.user().value()).isEqualTo("alice");
        assertThat(caller.admin()).isTrue();
    }

    @Test
    void token_refusesABadUserOrTtl() throws Exception {
        Path tier = Files.createTempFile("tier", ".yaml");
        Files.writeString(tier, "tier: t\nserver: {port: 0}\nauth: {secret: '" + "s".repeat(32) + "'}\nstore: {type: h2}\nblobs: {type: filesystem}\n");
        assertThat(run("token", "--config", tier.toString(), "--user", "bad user").exitCode()).isEqualTo(2);
        assertThat(run("token", "--config", tier.toString(), "--user", "ok", "--ttl", "forever").exitCode()).isEqualTo(2);
        assertThat(run("token", "--config", tier.toString(), "--user", "ok", "--ttl", "999d").err()).contains("auth.maxTokenTtl");
    }

    @Test
    void version_andHelp() {
        assertThat(run("--version").out()).startsWith("strata ");
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("serve").contains("token");
    }
}
