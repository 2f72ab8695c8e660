package dev.meridian.core.auth;

import java.util.List;

/**
 * One entry of a token's {@code access} claim (Docker token spec, "JWT access claim"): what the
 * token lets its bearer do to one resource, e.g. {@code {"type":"repository","name":"team/app",
 * "actions":["pull","push"]}}.
 */
public record TokenAccess(String type, String name, List<String> actions) {
  public TokenAccess {
    actions = List.copyOf(actions);
  }
}
