package dev.meridian.core.http;

/**
 * A query parameter that a route reads as one value was given more than once ({@code
 * ?digest=a&digest=b}). Refused rather than resolved to the first or last value: when two readers
 * of one request (an access check and the action it guards) could pick different values, the
 * only safe reading is none. The HTTP API renders it as a 400.
 */
public final class DuplicateQueryParameterException extends IllegalArgumentException {
  private final String parameter;

  public DuplicateQueryParameterException(String parameter) {
    super("query parameter '" + parameter + "' is given more than once");
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
