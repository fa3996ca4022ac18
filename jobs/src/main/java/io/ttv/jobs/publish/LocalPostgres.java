package io.ttv.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for the demo and the tests: Debian's {@code postgresql} package (the
 * {@code initdb} and {@code pg_ctl} of {@code /usr/lib/postgresql/<major>/bin}, or of the PATH), one cluster
 * in a folder, listening on 127.0.0.1 only. PostgreSQL refuses to run as root: as root the cluster belongs to
 * the package's {@code postgres} user (commands through {@code runuser}) and lives under {@code /tmp}, which
 * that user can reach.
 *
 * <p>Why the Debian package and not an embedded PostgreSQL from Maven Central (zonky): the zonky binaries run
 * the server as the JVM's user, and CI and this project's machines run as root, where {@code initdb} stops;
 * the package installs in seconds (.ci/run does it), and is the server analysts' IT runs anyway.
 */
public final class LocalPostgres {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final String user;
  private final boolean asPostgresUser;

  private LocalPostgres(Path bin, Path dir, int port, String user, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.user = user;
    this.asPostgresUser = asPostgresUser;
  }

  /** The folder of {@code initdb} and {@code pg_ctl}: {@code TTV_PG_BIN}, the newest Debian major, or the PATH. */
  public static Optional<Path> binaries() {
    String env = System.getenv("TTV_PG_BIN");
    if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
      return Optional.of(Path.of(env));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> majors = Files.list(debian)) {
        Optional<Path> newest =
            majors.filter(p -> Files.isExecutable(p.resolve("bin/initdb")) && Files.isExecutable(p.resolve("bin/pg_ctl")))
                .max(Comparator.comparingInt(p -> major(p.getFileName().toString())));
        if (newest.isPresent()) {
          return Optional.of(newest.get().resolve("bin"));
        }
      } catch (IOException e) {
        // fall through to the PATH
      }
    }
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, "initdb");
      if (Files.isExecutable(p) && Files.isExecutable(p.resolveSibling("pg_ctl"))) {
        try {
          return Optional.of(p.toRealPath().getParent());
        } catch (IOException e) {
          return Optional.of(p.getParent());
        }
      }
    }
    return Optional.empty();
  }

  private static int major(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Creates and starts a cluster with superuser {@code user}. With a {@code password}, TCP logins need it
   * (scram-sha-256); without, 127.0.0.1 is trusted (the demo: an analyst's tool connects with the url alone).
   *
   * @param durable false for tests: fsync off, a crash may lose the cluster, which a test does not care about
   */
  public static LocalPostgres start(String user, String password, boolean durable) {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(
        "PostgreSQL is not installed: apt-get install -y postgresql (or set TTV_PG_BIN to the folder of initdb and pg_ctl)"));
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "ttv-postgres-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      int port = freePort();
      LocalPostgres pg = new LocalPostgres(bin, dir, port, user, root);
      if (root) {
        chownToPostgres(dir);
      }
      List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", user, "-E", "UTF8", "--no-locale", "--auth-local=trust"));
      if (password != null) {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, password + "\n", StandardCharsets.UTF_8);
        if (root) {
          chownToPostgres(pw);
        }
        initdb.addAll(List.of("--auth-host=scram-sha-256", "--pwfile=" + pw));
      } else {
        initdb.add("--auth-host=trust");
      }
      if (!durable) {
        initdb.add("--no-sync");
      }
      pg.run(initdb, 120);
      if (password != null) {
        Files.deleteIfExists(dir.resolve("pw"));
      }
      String opts = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1" + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
      pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
          "-w", "-t", "60", "-o", opts, "start"), 90);
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** Stops a cluster this class started earlier (another process's, e.g. a previous demo's), if it still runs. */
  public static void stopCluster(Path dir) {
    Optional<Path> bin = binaries();
    if (bin.isEmpty() || !Files.isDirectory(dir.resolve("data"))) {
      return;
    }
    LocalPostgres pg = new LocalPostgres(bin.get(), dir, 0, null, "root".equals(System.getProperty("user.name")));
    pg.stop();
  }

  public void stop() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"), 60);
    } catch (RuntimeException e) {
      // already stopped
    }
  }

  /** Stops the server and deletes its folder. */
  public void destroy() {
    stop();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temp folder left behind
    }
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public String user() {
    return user;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The {@code pg_ctl stop} command line a person would type. */
  public String stopCommand() {
    String cmd = bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " stop";
    return asPostgresUser ? "runuser -u postgres -- " + cmd : cmd;
  }

  private void run(List<String> command, int timeoutSeconds) {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    try {
      Path log = Files.createTempFile("ttv-pg-cmd", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
      }
      String out = Files.readString(log);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void chownToPostgres(Path p) throws IOException {
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(p, users.lookupPrincipalByName("postgres"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
