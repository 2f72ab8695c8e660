package dev.meridian.local.e2e;

import dev.meridian.local.TestAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the skopeo CLI (Debian's 1.9). Every call passes {@code --policy} with an
 * accept-anything policy file of its own, so no {@code /etc/containers/policy.json} is needed
 * (observed with an empty /etc/containers, skopeo 1.9.3 exits with "Error loading trust policy:
 * open /etc/containers/policy.json: no such file or directory").
 * Plain HTTP on loopback needs {@code --dest-tls-verify=false} / {@code --src-tls-verify=false};
 * without it skopeo 1.9.3 fails with "pinging container registry …: http: server gave HTTP
 * response to HTTPS client".
 *
 * <p>Observed in distribution 2.8.2's access log for one push of 3 layers + config: per blob a
 * HEAD, then POST, then <em>one</em> PATCH carrying the whole blob, then PUT {@code ?digest=} (4
 * PATCH, 4 PUT in all). So every layer, 64 MiB included, arrives in a single PATCH body: the
 * local runtime must stream it into multipart parts rather than buffer it.
 */
final class Skopeo {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final Path binary;
  private final Path policy;
  private final String creds; // user:password, or null: anonymous

  private Skopeo(Path binary, Path policy, String creds) {
    this.binary = binary;
    this.policy = policy;
    this.creds = creds;
  }

  /** This skopeo signing in as {@code user:password} ({@code --creds}); null: anonymous. */
  Skopeo withCreds(String userAndPassword) {
    return new Skopeo(binary, policy, userAndPassword);
  }

  /** Finds skopeo (CI=true: fails if missing; otherwise skips) and writes a policy into workDir. */
  static Skopeo locate(Path workDir) {
    Path binary = RequiredTool.require("skopeo", "apt-get install -y skopeo");
    try {
      Path policy = workDir.resolve("policy.json");
      Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
      return new Skopeo(binary, policy, TestAdmin.skopeoCreds());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code skopeo copy oci:<dir>:<tag> docker://<hostPort>/<repo>:<tag>}. */
  ProcessRunner.Result push(Path layout, String tag, String hostPort, String repoAndRef) {
    return run("copy", "--dest-tls-verify=false", creds("--dest-creds"),
        "oci:" + layout + ":" + tag, "docker://" + hostPort + "/" + repoAndRef);
  }

  /** {@code skopeo copy docker://<hostPort>/<repo><ref> oci:<dir>:<tag>}; ref is :tag or @digest. */
  ProcessRunner.Result pull(String hostPort, String repoAndRef, Path layout, String tag) {
    return run("copy", "--src-tls-verify=false", creds("--src-creds"),
        "docker://" + hostPort + "/" + repoAndRef, "oci:" + layout + ":" + tag);
  }

  /** {@code skopeo inspect --raw}: the manifest bytes exactly as the registry serves them. */
  ProcessRunner.Result inspectRaw(String hostPort, String repoAndRef) {
    return run("inspect", "--raw", "--tls-verify=false", creds("--creds"),
        "docker://" + hostPort + "/" + repoAndRef);
  }

  /** {@code flag=user:password}, or null (left out) when anonymous. */
  private String creds(String flag) {
    return creds == null ? null : flag + "=" + creds;
  }

  private ProcessRunner.Result run(String verb, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--policy");
    command.add(policy.toString());
    command.add(verb);
    for (String a : args) {
      if (a != null) {
        command.add(a);
      }
    }
    return ProcessRunner.run(command, TIMEOUT);
  }
}
