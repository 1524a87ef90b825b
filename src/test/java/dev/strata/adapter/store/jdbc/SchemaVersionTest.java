package dev.strata.adapter.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The newest schema version start-up compares a database with is the newest migration file's. */
class SchemaVersionTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void newestIsTheVersionOfTheNewestMigrationFile() throws IOException, URISyntaxException {
        Path migrations = Path.of(getClass().getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            int newest = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> Integer.parseInt(match.group(1)))
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(SchemaVersion.NEWEST).isEqualTo(String.valueOf(newest));
        }
    }
}
