package dev.meridian.core.builds;

import dev.meridian.core.oci.Digest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to build (docs/builds.md "Enqueue").
 *
 * @param context the source context: a tar.gz held in the region's bucket under its digest
 *     ({@code POST /meridian/v1/builds/contexts})
 * @param dockerfile path of the Dockerfile inside the context (default {@code Dockerfile})
 * @param images {@code repository:tag} names, which may contain {@code {{.Run.ID}}}
 * @param buildArgs {@code ARG} values
 * @param platform {@code os/arch[/variant]} (default {@code linux/amd64})
 * @param timeout how long the run may take once running (default 1 hour, at most 8 hours)
 * @param clientToken makes the enqueue idempotent: the same token returns the same run (null: none)
 * @param owner the account the run acts as (docs/security.md "A run acts as its owner"): the
 *     caller that enqueued it or registered its task, set by the API from the authenticated
 *     caller and never from the request body; "" when none (a registry without access control,
 *     or a run recorded before owners were)
 * @param taskFile path of a multi-step task file ({@code acr-task.yaml}) inside the context: the
 *     run executes its steps ({@link TaskFile}); "" for a Dockerfile build
 */
public record BuildRequest(Digest context, String dockerfile, List<String> images,
    Map<String, String> buildArgs, String platform, Duration timeout, String clientToken,
    String owner, String taskFile) {

  public static final String RUN_ID_PLACEHOLDER = "{{.Run.ID}}";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
  public static final Duration MAX_TIMEOUT = Duration.ofHours(8);
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");
  /** {@code repository[:tag]} after substitution (checked again then, with the real ID). */
  private static final Pattern IMAGE = Pattern.compile(
      "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
          + "(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?");

  public BuildRequest {
    if (context == null) {
      throw new IllegalArgumentException("context is required (a digest from POST /meridian/v1/builds/contexts)");
    }
    dockerfile = dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile;
    if (dockerfile.startsWith("/") || dockerfile.contains("..")) {
      throw new IllegalArgumentException("dockerfile must be a relative path inside the context");
    }
    images = List.copyOf(images == null ? List.of() : images);
    for (String image : images) {
      String probe = image.replace(RUN_ID_PLACEHOLDER, "aa1");
      if (!IMAGE.matcher(probe).matches()) {
        throw new IllegalArgumentException("bad image name '" + image
            + "': repository[:tag], lower case, {{.Run.ID}} allowed");
      }
    }
    buildArgs = Map.copyOf(new LinkedHashMap<>(buildArgs == null ? Map.of() : buildArgs));
    platform = platform == null || platform.isBlank() ? "linux/amd64" : platform;
    if (!PLATFORM.matcher(platform).matches()) {
      throw new IllegalArgumentException("bad platform '" + platform + "': os/arch[/variant]");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("timeout must be between 1 second and 8 hours");
    }
    owner = owner == null ? "" : owner;
    taskFile = taskFile == null ? "" : taskFile;
    if (taskFile.startsWith("/") || taskFile.contains("..")) {
      throw new IllegalArgumentException("taskFile must be a relative path inside the context");
    }
    if (clientToken != null && !TOKEN.matcher(clientToken).matches()) {
      throw new IllegalArgumentException(
          "clientToken must be 1 to 128 characters of letters, digits and . _ : -");
    }
  }

  /** A Dockerfile build (no task file). */
  public BuildRequest(Digest context, String dockerfile, List<String> images,
      Map<String, String> buildArgs, String platform, Duration timeout, String clientToken,
      String owner) {
    this(context, dockerfile, images, buildArgs, platform, timeout, clientToken, owner, "");
  }

  /** This request, acting as {@code account} (the authenticated caller). */
  public BuildRequest ownedBy(String account) {
    return new BuildRequest(context, dockerfile, images, buildArgs, platform, timeout, clientToken,
        account, taskFile);
  }

  /** This request running the task file at {@code path}, pushing {@code outputs}. */
  public BuildRequest withTaskFile(String path, List<String> outputs) {
    return new BuildRequest(context, dockerfile, outputs, buildArgs, platform, timeout,
        clientToken, owner, path);
  }

  /** The image names with {@code {{.Run.ID}}} replaced by {@code id}, as ACR does. */
  public List<String> imagesFor(RunId id) {
    return images.stream().map(i -> i.replace(RUN_ID_PLACEHOLDER, id.toString())).toList();
  }
}
