package dev.meridian.cli.error;

/**
 * Exit codes per class of failure, so scripts can branch without parsing messages (as {@code gh}
 * and {@code az} distinguish usage from runtime errors). 2 is also picocli's usage code.
 */
public enum ExitCode {
  OK(0),
  /** The command ran and what it watched failed (a build run that failed, timed out, …). */
  FAILED(1),
  /** Bad flags or arguments. */
  USAGE(2),
  /** 401/403: missing or wrong credentials, or not allowed. */
  AUTH(3),
  /** 404: unknown repository, tag, manifest, blob, webhook, run or account. */
  NOT_FOUND(4),
  /** 400/409/413/416: the registry refused the input. */
  INVALID(5),
  /** 5xx, 429, I/O and anything else. */
  SERVER(6);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The class of an HTTP failure status. */
  public static ExitCode ofStatus(int status) {
    if (status == 401 || status == 403) {
      return AUTH;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    if (status == 400 || status == 405 || status == 409 || status == 413 || status == 416) {
      return INVALID;
    }
    return SERVER;
  }
}
