package com.livechain.history;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the history tests. On CI, {@code .ci/run} starts a throwaway cluster and exports its URL
 * as {@value #URL_VARIABLE}; elsewhere (a developer's machine) the first test starts one of its own from the
 * installed binaries ({@code /usr/lib/postgresql/<version>/bin}) in a temp directory, on a free loopback port,
 * stopped when the JVM exits. Each caller gets a fresh database. Without PostgreSQL installed the tests fail
 * saying how to install it: they are never skipped.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "LIVECHAIN_TEST_POSTGRES_URL";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");

    private static Cluster shared;

    private TestPostgres() {}

    /** A new, empty database: its JDBC URL (user in the query string, trust authentication). */
    public static synchronized String newDatabase() {
        String base = System.getenv(URL_VARIABLE);
        if (base == null || base.isBlank()) {
            if (shared == null) {
                shared = Cluster.start();
            }
            base = shared.url("postgres");
        }
        return createDatabase(base);
    }

    /** Creates a database on the server of {@code baseUrl}; returns its URL. */
    public static String createDatabase(String baseUrl) {
        Matcher m = URL.matcher(baseUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(URL_VARIABLE + " must look like jdbc:postgresql://127.0.0.1:5432/postgres"
                    + "?user=postgres, was " + baseUrl);
        }
        String name = "history_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + baseUrl + ": " + e.getMessage(), e);
        }
        return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    /** A cluster this JVM owns: initdb in a temp directory, started and stopped with pg_ctl. */
    public static final class Cluster implements AutoCloseable {

        private final Path bin;
        private final Path dir;
        private final int port;
        private final boolean asNobody;

        private Cluster(Path bin, Path dir, int port, boolean asNobody) {
            this.bin = bin;
            this.dir = dir;
            this.port = port;
            this.asNobody = asNobody;
        }

        /** Creates and starts a cluster; fails (never skips) without the PostgreSQL binaries. */
        public static Cluster start() {
            Path bin = binaries();
            try {
                Path dir = Files.createTempDirectory("livechain-pg");
                // initdb refuses to run as root: the server runs as nobody, who must own its directory.
                boolean root = "root".equals(System.getProperty("user.name"));
                if (root) {
                    UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                    Files.setOwner(dir, nobody);
                }
                Cluster cluster = new Cluster(bin, dir, freePort(), root);
                cluster.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                        "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"));
                cluster.startServer();
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "test-postgres-stop"));
                return cluster;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create a PostgreSQL test cluster: " + e.getMessage(), e);
            }
        }

        public String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
        }

        /** A fresh database on this cluster. */
        public String newDatabase() {
            return createDatabase(url("postgres"));
        }

        /** Starts the server (again), waiting until it accepts connections. */
        public void startServer() {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
                            + " -c fsync=off -c full_page_writes=off -c max_connections=40", "start"));
        }

        /** Stops the server at once (connections are cut, as a crash or an operator's stop would). */
        public void stopServer() {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                    "-m", "fast", "stop"));
        }

        @Override
        public void close() {
            try {
                new ProcessBuilder(command(List.of(bin.resolve("pg_ctl").toString(), "-D",
                        dir.resolve("data").toString(), "-m", "immediate", "stop")))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                // already gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind
            }
        }

        private List<String> command(List<String> command) {
            if (!asNobody) {
                return command;
            }
            List<String> as = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
            as.addAll(command);
            return as;
        }

        private void run(List<String> command) {
            try {
                Process process = new ProcessBuilder(command(command)).directory(dir.toFile())
                        .redirectErrorStream(true).start();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                    throw new IllegalStateException(String.join(" ", command) + " failed: "
                            + new String(output, StandardCharsets.UTF_8) + log);
                }
            } catch (IOException e) {
                throw new IllegalStateException(String.join(" ", command) + " could not run: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    /** The newest installed PostgreSQL's bin directory. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> version(v.getFileName().toString())))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            } catch (IOException e) {
                // answered below
            }
        }
        throw new AssertionError("The history tests need a real PostgreSQL and none is installed (no "
                + "/usr/lib/postgresql/<version>/bin/initdb). Install it (Debian/Ubuntu: apt-get install postgresql), "
                + "or run .ci/run, which installs it and starts a cluster, or set " + URL_VARIABLE
                + " to a server's JDBC URL such as jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres.");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.toLowerCase(Locale.ROOT).replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
